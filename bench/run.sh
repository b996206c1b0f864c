#!/usr/bin/env bash
# TrialFHIR benchmarks, one command. Builds the server, the plain HAPI JPA peer and the load client, then for each
# server (TrialFHIR with validation enforce, TrialFHIR with validation off, the plain HAPI JPA peer, and the HAPI JPA
# starter if bench/peer/build.sh built it) starts it with the same JVM flags (JVM_FLAGS) on a fresh PostgreSQL of the
# same binaries and durable settings and runs the ingest benchmark ROUNDS times against raw JDBC into that PostgreSQL,
# recording the server's peak RSS and its heap after a full GC after every round (leak check), and after the last
# round its class histogram, native memory summary and thread count. Results:
# bench/results/<timestamp>/*.jsonl and a Markdown summary for docs/benchmarks.md on stdout, with the ratios
# TrialFHIR ÷ each peer and the single POSTs' server CPU by group of threads (request threads, the JIT compiler,
# background workers); LAST=k adds the same over the last k rounds only, once the JIT compiler has settled.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
N=${N:-2000}
PORT=${PORT:-18080}
PEER_WAR=${PEER_WAR:-/tmp/hapi-jpaserver-starter/target/ROOT.war}
JAR=${JAR:-target/trialfhir.jar}  # the TrialFHIR build to measure
SERVERS=${SERVERS:-validation-enforce validation-off peer-plain peer-starter}
# every server gets exactly these flags (word-split on purpose)
JVM_FLAGS=${JVM_FLAGS:--Xmx1g}

[ -f "$JAR" ] || ./mvnw -q -DskipTests package
./mvnw -q -f bench/pom.xml -DskipTests package
./mvnw -q -f bench/plain-peer/pom.xml -DskipTests package
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
# the servers run from copies: a build during the run (which rewrites target/) must not pull classes from under them
cp "$JAR" "$OUT/trialfhir.jar" && JAR=$OUT/trialfhir.jar
cp bench/plain-peer/target/plain-hapi-jpa.jar "$OUT/plain-hapi-jpa.jar"

# rounds <label> <pid> <fhir base> <token> <jdbc url> <PostgreSQL data dir>: the ingest benchmark ROUNDS times against
# one running server (with the CPU each load cost the server and its PostgreSQL), then a full GC of that server, its
# heap used and its peak RSS
rounds() {
  local label=$1 pid=$2 base=$3 token=$4 jdbc=$5 pgdata=$6
  for round in $(seq 1 "$ROUNDS"); do
    local line heap_kb rss_kb
    line=$(java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.IngestBenchmark \
      "$base" "$token" "$jdbc" 1 "$N" "$pid" "$pgdata")
    jcmd "$pid" GC.run >/dev/null
    heap_kb=$(jcmd "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
    rss_kb=$(grep VmHWM /proc/"$pid"/status | awk '{print $2}')
    echo "${line%\}},\"round\":$round,\"heap_after_gc_mb\":$((heap_kb/1024)),\"peak_rss_mb\":$((rss_kb/1024))}" \
      | tee -a "$OUT/$label.jsonl"
  done
  # where the memory went, after the last round: live objects after a full GC, and the JVM's native memory by
  # category when JVM_FLAGS has -XX:NativeMemoryTracking=summary
  jcmd "$pid" GC.class_histogram | head -60 > "$OUT/$label.histogram.txt"
  jcmd "$pid" VM.native_memory summary > "$OUT/$label.nmt.txt" 2>&1 || true
  grep Threads /proc/"$pid"/status > "$OUT/$label.threads.txt"
}

# wait_healthy <url> <pid> <log>
wait_healthy() {
  for _ in $(seq 1 900); do  # a start takes 1-10 minutes on a loaded machine
    curl -fs "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "server died, see $3"; exit 1; }
    sleep 1
  done
  echo "no answer from $1, see $3"; exit 1
}

# run_server_bench <label> [server arguments...]: TrialFHIR on a fresh embedded PostgreSQL
run_server_bench() {
  local label=$1; shift
  local data; data=$(mktemp -d /tmp/trialfhir-bench.XXXXXX)
  # shellcheck disable=SC2086
  java $JVM_FLAGS -jar "$JAR" --spring.profiles.active=demo-clients --server.port="$PORT" --trialfhir.embedded-postgres.data-dir="$data/pg" \
    --trialfhir.security.issuer="http://localhost:$PORT" --logging.structured.format.console= "$@" \
    > "$data/server.log" 2>&1 &
  local server=$!
  wait_healthy "http://localhost:$PORT/actuator/health" $server "$data/server.log"
  local token pgport
  token=$(curl -fs -u admin-demo:admin-demo-secret -d grant_type=client_credentials "http://localhost:$PORT/oauth2/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  pgport=$(grep -oE 'Embedded PostgreSQL on port [0-9]+' "$data/server.log" | head -1 | awk '{print $5}')
  rounds "$label" $server "http://localhost:$PORT/fhir" "$token" \
    "jdbc:postgresql://localhost:$pgport/trialfhir?user=postgres&reWriteBatchedInserts=true" "$data/pg"
  kill $server; wait $server 2>/dev/null || true
}

# run_peer_bench <label> <jar or war> [server arguments...]: a peer on a PostgreSQL of the same binaries and durable
# settings (PeerPostgres), database hapi; the client's bearer token is ignored there
run_peer_bench() {
  local label=$1 jar=$2; shift 2
  local data; data=$(mktemp -d /tmp/trialfhir-bench-peer.XXXXXX)
  java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.PeerPostgres "$data/pg" \
    > "$data/postgres.log" 2>&1 &
  local postgres=$! pgport=""
  for _ in $(seq 1 60); do
    pgport=$(grep -oE 'Peer PostgreSQL on port [0-9]+' "$data/postgres.log" | awk '{print $5}') && [ -n "$pgport" ] && break
    sleep 1
  done
  # shellcheck disable=SC2086
  java $JVM_FLAGS -jar "$jar" --server.port="$PORT" \
    --spring.datasource.url="jdbc:postgresql://localhost:$pgport/hapi" --spring.datasource.username=postgres \
    --spring.datasource.password= "$@" > "$data/server.log" 2>&1 &
  local server=$!
  wait_healthy "http://localhost:$PORT/fhir/metadata" $server "$data/server.log"
  rounds "$label" $server "http://localhost:$PORT/fhir" none \
    "jdbc:postgresql://localhost:$pgport/hapi?user=postgres&reWriteBatchedInserts=true" "$data/pg"
  kill $server; wait $server 2>/dev/null || true
  kill $postgres; wait $postgres 2>/dev/null || true
}

for server in $SERVERS; do
  case $server in
    validation-enforce) run_server_bench validation-enforce ;;
    validation-off) run_server_bench validation-off --trialfhir.validation.mode=off ;;
    peer-plain) run_peer_bench peer-plain "$OUT/plain-hapi-jpa.jar" ;;
    peer-starter)
      if [ -f "$PEER_WAR" ]; then
        run_peer_bench peer-starter "$PEER_WAR" --spring.datasource.driver-class-name=org.postgresql.Driver \
          --spring.jpa.properties.hibernate.dialect=ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect
      else
        echo "no starter peer: $PEER_WAR absent (bench/peer/build.sh)"
      fi ;;
    *) echo "unknown server $server"; exit 1 ;;
  esac
done

rm -f "$OUT"/*.jar
python3 bench/summarize.py "$OUT" "$JVM_FLAGS"
