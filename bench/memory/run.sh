#!/usr/bin/env bash
# Where the server's memory goes, beside the plain HAPI JPA peer (docs/benchmarks.md "Memory"): starts each with the
# same JVM flags plus native memory tracking, writes N Observations (one round of the ingest benchmark), then records
# the JVM's native memory summary (jcmd VM.native_memory), its class histogram after a full GC
# (jcmd GC.class_histogram), its thread count and its peak RSS (VmHWM). Output in bench/results/memory-<timestamp>/.
#   bench/memory/run.sh
#   JAR=/tmp/before/target/trialfhir.jar bench/memory/run.sh    # another build of the server, for a before/after
# Settings: JAR (target/trialfhir.jar), N (1000), PORT (18095), JVM_FLAGS (-Xmx1g), PEERS (plain; empty: none).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/trialfhir.jar}
N=${N:-1000}
PORT=${PORT:-18095}
JVM_FLAGS=${JVM_FLAGS:--Xmx1g}
PEERS=${PEERS-plain}
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
./mvnw -q -f bench/pom.xml -DskipTests package
[ -z "$PEERS" ] || ./mvnw -q -f bench/plain-peer/pom.xml -DskipTests package
OUT=bench/results/memory-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
CP="bench/target/trialfhir-bench.jar:bench/target/lib/*"

wait_healthy() { # <url> <pid> <log>
  for _ in $(seq 1 300); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "server died, see $3"; exit 1; }
    sleep 1
  done
  echo "no answer from $1, see $3"; exit 1
}

record() { # <label> <pid>: after the load, what the JVM holds
  local label=$1 pid=$2
  jcmd "$pid" GC.class_histogram > "$OUT/$label.histogram.txt"   # a full GC first, then live objects only
  jcmd "$pid" VM.native_memory summary > "$OUT/$label.nmt.txt"
  jcmd "$pid" GC.heap_info > "$OUT/$label.heap.txt"
  echo "{\"label\":\"$label\",\"peak_rss_mb\":$(($(awk '/VmHWM/{print $2}' /proc/"$pid"/status)/1024)),\"rss_mb\":$(($(awk '/VmRSS/{print $2}' /proc/"$pid"/status)/1024)),\"threads\":$(awk '/Threads/{print $2}' /proc/"$pid"/status),\"heap_after_gc_mb\":$(($(grep -oE 'used [0-9]+K' "$OUT/$label.heap.txt" | head -1 | grep -oE '[0-9]+')/1024))}" | tee -a "$OUT/summary.jsonl"
}

data=$(mktemp -d /tmp/trialfhir-memory.XXXXXX)
# shellcheck disable=SC2086
java $JVM_FLAGS -XX:NativeMemoryTracking=summary -jar "$JAR" --spring.profiles.active=demo-clients \
  --server.port="$PORT" --trialfhir.embedded-postgres.data-dir="$data/pg" \
  --trialfhir.security.issuer="http://localhost:$PORT" --logging.structured.format.console= > "$data/server.log" 2>&1 &
server=$!
wait_healthy "http://localhost:$PORT/actuator/health" $server "$data/server.log"
token=$(curl -fs -u admin-demo:admin-demo-secret -d grant_type=client_credentials "http://localhost:$PORT/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
pgport=$(grep -oE 'Embedded PostgreSQL on port [0-9]+' "$data/server.log" | head -1 | awk '{print $5}')
java -cp "$CP" org.trialfhir.bench.IngestBenchmark "http://localhost:$PORT/fhir" "$token" \
  "jdbc:postgresql://localhost:$pgport/trialfhir?user=postgres" 1 "$N" >/dev/null
record trialfhir $server
kill $server; wait $server 2>/dev/null || true

if [ -n "$PEERS" ]; then
  pdata=$(mktemp -d /tmp/trialfhir-memory-peer.XXXXXX)
  java -cp "$CP" org.trialfhir.bench.PeerPostgres "$pdata/pg" > "$pdata/postgres.log" 2>&1 &
  postgres=$! pgport=""
  for _ in $(seq 1 60); do
    pgport=$(grep -oE 'Peer PostgreSQL on port [0-9]+' "$pdata/postgres.log" | awk '{print $5}') && [ -n "$pgport" ] && break
    sleep 1
  done
  # shellcheck disable=SC2086
  java $JVM_FLAGS -XX:NativeMemoryTracking=summary -jar bench/plain-peer/target/plain-hapi-jpa.jar \
    --server.port="$PORT" --spring.datasource.url="jdbc:postgresql://localhost:$pgport/hapi" \
    --spring.datasource.username=postgres --spring.datasource.password= > "$pdata/server.log" 2>&1 &
  server=$!
  wait_healthy "http://localhost:$PORT/fhir/metadata" $server "$pdata/server.log"
  java -cp "$CP" org.trialfhir.bench.IngestBenchmark "http://localhost:$PORT/fhir" none \
    "jdbc:postgresql://localhost:$pgport/hapi?user=postgres" 1 "$N" >/dev/null
  record peer-plain $server
  kill $server; wait $server 2>/dev/null || true
  kill $postgres; wait $postgres 2>/dev/null || true
fi
echo "$OUT"
