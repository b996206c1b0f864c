#!/usr/bin/env bash
# Search latency: Observation?subject=&code=&date= (one variable of one subject over two study days) on a simulated
# trial, against the same question to a plain indexed PostgreSQL table of the same Observations, in the same run.
#
#   ./mvnw -o -q package -DskipTests && ./mvnw -o -q -f bench/pom.xml package -DskipTests
#   bench/search/run.sh                      # 100 subjects; SUBJECTS=1000 bench/search/run.sh for the large trial
#
# Settings (environment): SUBJECTS (100), QUERIES (500), LOADERS (2 clients loading side by side), PORT (18092),
# WORK (/tmp/trialfhir-bench-search), JAR (target/trialfhir.jar). Loaded with write validation off (speed of loading
# is bench/run.sh's subject) and the background re-derivation worker off, so that nothing but the searches runs
# while they are timed.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUBJECTS=${SUBJECTS:-100}
QUERIES=${QUERIES:-500}
LOADERS=${LOADERS:-2}
PORT=${PORT:-18092}
WORK=${WORK:-/tmp/trialfhir-bench-search}
JAR=${JAR:-target/trialfhir.jar}
BASE=http://localhost:$PORT
rm -rf "$WORK" && mkdir -p "$WORK"

java -jar "$JAR" simulate --subjects "$SUBJECTS" --days 10 --seed 1 --out "$WORK/sim" >/dev/null
java -Xmx1g -jar "$JAR" --spring.profiles.active=demo-clients --server.port="$PORT" --trialfhir.embedded-postgres.data-dir="$WORK/pg" \
  --trialfhir.embedded-postgres.durable=false --trialfhir.validation.mode=off \
  --trialfhir.scoring.recompute.enabled=false --logging.structured.format.console= > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER; wait $SERVER 2>/dev/null || true' EXIT
until curl -sf "$BASE/actuator/health" >/dev/null; do sleep 2; done
token() {
  curl -sf -u admin-demo:admin-demo-secret -d grant_type=client_credentials "$BASE/oauth2/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
# load <files...>: POST each transaction bundle, with a fresh token every 50 bundles
load() {
  local count=0 admin=""
  for file in "$@"; do
    if [ $((count % 50)) = 0 ]; then admin=$(token); fi
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/fhir+json' \
      --data-binary @"$file" "$BASE/fhir" || { echo "loading $file failed"; return 1; }
    count=$((count + 1))
  done
}
load "$WORK"/sim/00-setup.json
# the subjects' bundles are independent: LOADERS clients side by side
mapfile -t bundles < <(ls "$WORK"/sim/sim-p*.json)
loaders=()
for i in $(seq 0 $((LOADERS - 1))); do
  load $(for j in "${!bundles[@]}"; do [ $((j % LOADERS)) = "$i" ] && echo "${bundles[$j]}"; done) &
  loaders+=($!)
done
for pid in "${loaders[@]}"; do wait "$pid"; done
echo "loaded ${#bundles[@]} subject bundles in $SECONDS s"
pgport=$(grep -oE 'Embedded PostgreSQL on port [0-9]+' "$WORK/server.log" | head -1 | awk '{print $5}')
java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.SearchBenchmark \
  "$BASE/fhir" "$(token)" "jdbc:postgresql://localhost:$pgport/trialfhir?user=postgres" "$QUERIES"
rss_kb=$(grep VmHWM /proc/$SERVER/status | awk '{print $2}')
echo "server peak RSS $((rss_kb / 1024)) MB (-Xmx1g)"
