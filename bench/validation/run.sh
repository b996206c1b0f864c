#!/usr/bin/env bash
# TrialValidator throughput: validations per second of the valid examples on one and on two threads, ROUNDS rounds
# of REPEATS validations of every example per thread, in one JVM without a server or a database.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5}
REPEATS=${REPEATS:-10}

./mvnw -q -o compile 2>/dev/null || ./mvnw -q compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=bench/validation/target/classpath.txt >/dev/null
CP="target/classes:$(cat bench/validation/target/classpath.txt)"
mkdir -p bench/validation/target/classes bench/results
javac -d bench/validation/target/classes -cp "$CP" $(find bench/validation/src -name '*.java')
OUT=bench/results/validation-$(date -u +%Y%m%dT%H%M%SZ).jsonl
java ${JAVA_OPTS:-} -cp "bench/validation/target/classes:$CP" org.trialfhir.bench.validation.ValidationBenchmark \
  src/test/resources/valid "$ROUNDS" "$REPEATS" | grep '^{' | tee "$OUT"

python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
if not rows: sys.exit(0)
med = lambda k: statistics.median(r[k] for r in rows)
r = rows[0]
print()
print("| TrialValidator, %d valid examples x %d per thread (median of %d rounds, %d cores) | validations/s |"
      % (r["examples"], r["repeats"], len(rows), r["cores"]))
print("|---|---|")
print("| one thread | %.0f |" % med("one_thread_per_s"))
print("| two threads | %.0f |" % med("two_threads_per_s"))
PY
