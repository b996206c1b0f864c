#!/usr/bin/env bash
# A single POST's CPU once the server is warm, by group of threads: starts the jar as bench/run.sh does (-Xmx1g, fresh
# embedded PostgreSQL, validation enforce), sends WARM x 100 keyed single POSTs for an enrolled subject from 4 clients
# (bench/profile/write_load.py), then N x 100 more for the same subject, and prints the JVM's CPU per POST by group of
# threads (/proc/<pid>/task, numbers in names replaced by #: request threads, the JIT's compiler threads, the audit
# publisher, the re-derivation) and its PostgreSQL's, counted from before the measured POSTs to 10 s after them.
# Settings: JAR (target/trialfhir.jar), LABEL (a name for the results), PORT (18790), WARM (60), N (30), FLAGS (more
# JVM flags). Results: bench/results/steady-<LABEL>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/trialfhir.jar}
LABEL=${LABEL:-$(date -u +%Y%m%dT%H%M%SZ)}
PORT=${PORT:-18790}
WARM=${WARM:-60}
N=${N:-30}
OUT=bench/results/steady-$LABEL
rm -rf "$OUT" && mkdir -p "$OUT"
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
. bench/profile/server.sh
# shellcheck disable=SC2086
start_server "$OUT" ${FLAGS:-}
python3 bench/profile/write_load.py "$base" "$token" enrolled "$WARM" single > "$OUT/warm.json"
patient=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['patient'])" "$OUT/warm.json")
sleep 10
postmaster=$(pgrep -f -- "-D $PWD/$OUT/pg" | head -1)
# CPU seconds so far by thread group of the server, and of its PostgreSQL ("_pg": postmaster, reaped and live children)
snapshot() {
  python3 - "$server" "$postmaster" <<'PY'
import json, os, re, sys
server, postmaster = sys.argv[1], sys.argv[2]
def fields(path):
    line = open(path).read()
    return line[line.index('(') + 1:line.rindex(')')], line[line.rindex(')') + 2:].split()
seconds = {}
for task in os.listdir(f'/proc/{server}/task'):
    try:
        name, f = fields(f'/proc/{server}/task/{task}/stat')
    except OSError:
        continue
    group = re.sub(r'[0-9]+', '#', name)
    seconds[group] = seconds.get(group, 0) + (int(f[11]) + int(f[12])) / 100
def own(pid, reaped=False):
    try:
        _, f = fields(f'/proc/{pid}/stat')
    except OSError:
        return 0
    return (int(f[11]) + int(f[12]) + ((int(f[13]) + int(f[14])) if reaped else 0)) / 100
seconds['_pg'] = own(postmaster, True) + sum(own(c) for c in os.popen(f'pgrep -P {postmaster}').read().split())
print(json.dumps(seconds))
PY
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
