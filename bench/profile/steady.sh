#!/usr/bin/env bash
# A single POST's CPU once the server is warm, by group of threads: starts the jar as bench/run.sh does (-Xmx1g, fresh
# embedded PostgreSQL, validation enforce), sends WARM x 100 keyed single POSTs for an enrolled subject from 4 clients
# (bench/profile/write_load.py), then N x 100 more for the same subject, and prints the JVM's CPU per POST by group of
# threads (/proc/<pid>/task, numbers in names replaced by #: request threads, the JIT's compiler threads, the audit
# publisher, the re-derivation) and its PostgreSQL's, counted from before the measured POSTs to 10 s after them.
# Settings: JAR (target/trialfhir.jar), LABEL (a name for the results), PORT (18790), WARM (60), N (30), FLAGS (more
# JVM flags), SERVER_ARGS (more server arguments), PEER=plain (the plain HAPI JPA peer measured the same way instead).
# Results: bench/results/steady-<LABEL>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/trialfhir.jar}
LABEL=${LABEL:-$(date -u +%Y%m%dT%H%M%SZ)}
PORT=${PORT:-18790}
WARM=${WARM:-60}
N=${N:-30}
OUT=bench/results/steady-$LABEL
rm -rf "$OUT" && mkdir -p "$OUT"
[ -f bench/target/trialfhir-bench.jar ] || ./mvnw -q -f bench/pom.xml -DskipTests package
. bench/profile/server.sh
if [ "${PEER:-}" = plain ]; then
  # shellcheck disable=SC2086
  start_plain_peer "$OUT" ${FLAGS:-}
else
  [ -f "$JAR" ] || ./mvnw -q -DskipTests package
  # shellcheck disable=SC2086
  start_server "$OUT" ${FLAGS:-}
fi
python3 bench/profile/write_load.py "$base" "$token" enrolled "$WARM" single > "$OUT/warm.json"
patient=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['patient'])" "$OUT/warm.json")
sleep 10
# CPU seconds so far by thread group of the server, and of its PostgreSQL ("_pg": postmaster, reaped and live children)
snapshot() {
  java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.ProcessCpu "$server" "$PWD/$OUT/pg"
}
snapshot > "$OUT/before.json"
PATIENT=$patient FIRST=$((WARM * 100)) python3 bench/profile/write_load.py "$base" "$token" enrolled "$N" single \
  > "$OUT/load.json"
sleep 10
snapshot > "$OUT/after.json"
python3 - "$OUT" $((N * 100)) "$LABEL" <<'PY' | tee "$OUT/summary.txt"
import json, sys
out, n, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
before, after = json.load(open(out + '/before.json')), json.load(open(out + '/after.json'))
ms = {k: 1000 * (after[k] - before.get(k, 0)) / n for k in after}
jvm = sum(v for k, v in ms.items() if k != '_pg')
groups = sorted(((v, k) for k, v in ms.items() if k != '_pg' and v >= 0.05), reverse=True)
print('%s: %s POSTs/s; CPU ms per POST: JVM %.2f, PostgreSQL %.2f; JVM by threads: %s' % (
    label, json.load(open(out + '/load.json'))['per_s'], jvm, ms['_pg'], ', '.join('%s %.2f' % (k, v) for v, k in groups)))
PY
