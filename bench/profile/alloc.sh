#!/usr/bin/env bash
# Where a trial write's allocations come from: starts the server as bench/run.sh does (-Xmx1g, fresh PostgreSQL), warms
# it up with WARMUP Observations in 100-entry bundles for an enrolled subject, then records Java Flight Recorder
# allocation samples (jdk.ObjectAllocationSample) over N Observations in 100-entry transaction bundles and again over N
# single POSTs from 4 clients, and prints for each the MB allocated per 1,000 Observations in all, by thread, by the
# first frame outside the JDK, by the first TrialFHIR frame and by class (AllocSamples.java), and the JVM's CPU per
# 1,000 Observations (from /proc). PEER=plain measures the plain HAPI JPA peer (bench/plain-peer) the same way.
# Settings: N (default 2000), WARMUP (2000), PORT (18080), JAR (target/trialfhir.jar), PEER. Results:
# bench/results/alloc-<time>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-2000}
WARMUP=${WARMUP:-2000}
PORT=${PORT:-18080}
JAR=${JAR:-target/trialfhir.jar}
OUT=bench/results/alloc-$(date -u +%Y%m%dT%H%M%SZ)${PEER:+-$PEER}
mkdir -p "$OUT"
JFR_FLAGS=-XX:FlightRecorderOptions:stackdepth=256
. bench/profile/server.sh
if [ "${PEER:-}" = plain ]; then
  ./mvnw -q -f bench/pom.xml -DskipTests package
  ./mvnw -q -f bench/plain-peer/pom.xml -DskipTests package
  start_plain_peer "$OUT" $JFR_FLAGS
else
  [ -f "$JAR" ] || ./mvnw -q -DskipTests package
  start_server "$OUT" $JFR_FLAGS
fi

cpu_ms() { awk '{ print ($14 + $15) * 1000 / 100 }' /proc/"$server"/stat; }
python3 bench/profile/write_load.py "$base" "$token" enrolled $((WARMUP / 100)) >/dev/null
for load in bundles single; do
  sleep 10 # whatever the previous load left behind (re-derivation, audit publishing)
  jcmd $server JFR.start name="$load" settings=profile filename="$PWD/$OUT/$load.jfr" >/dev/null
  before=$(cpu_ms)
  python3 bench/profile/write_load.py "$base" "$token" enrolled $((N / 100)) $([ $load = single ] && echo single) \
    | tee "$OUT/$load.rate.json"
  sleep 10
  after=$(cpu_ms)
  jcmd $server JFR.stop name="$load" >/dev/null
  echo "JVM CPU ms per 1,000 Observations: $(( (${after%.*} - ${before%.*}) * 1000 / N ))" | tee "$OUT/$load.txt"
  java bench/profile/AllocSamples.java "$OUT/$load.jfr" "$N" 30 | tee -a "$OUT/$load.txt"
done
jcmd $server GC.heap_info > "$OUT/heap.txt"
grep -E 'VmHWM|Threads' /proc/"$server"/status >> "$OUT/heap.txt"
rm -rf "$OUT/pg"
