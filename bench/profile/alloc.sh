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
if [ "${PEER:-}" = plain ]; then
  ./mvnw -q -f bench/pom.xml -DskipTests package
  ./mvnw -q -f bench/plain-peer/pom.xml -DskipTests package
  java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.PeerPostgres "$PWD/$OUT/pg" \
    > "$OUT/postgres.log" 2>&1 &
  postgres=$!
  pgport=""
  for _ in $(seq 1 60); do
    pgport=$(grep -oE 'Peer PostgreSQL on port [0-9]+' "$OUT/postgres.log" | awk '{print $5}') && [ -n "$pgport" ] && break
    sleep 1
  done
  java -Xmx1g $JFR_FLAGS -jar bench/plain-peer/target/plain-hapi-jpa.jar --server.port="$PORT" \
    --spring.datasource.url="jdbc:postgresql://localhost:$pgport/hapi" --spring.datasource.username=postgres \
    --spring.datasource.password= > "$OUT/server.log" 2>&1 &
  server=$!
  trap 'kill $server $postgres 2>/dev/null || true' EXIT
  for _ in $(seq 1 1800); do
    curl -fs "http://localhost:$PORT/fhir/metadata" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { echo "server died, see $OUT/server.log"; exit 1; }
    sleep 1
  done
  base="http://localhost:$PORT/fhir" token=none
else
  [ -f "$JAR" ] || ./mvnw -q -DskipTests package
  . bench/profile/server.sh
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
