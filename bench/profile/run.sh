#!/usr/bin/env bash
# Where a trial write's time goes: starts the server as bench/run.sh does (-Xmx1g, fresh embedded PostgreSQL,
# validation enforce), warms it up, then records Java Flight Recorder CPU samples over N Observations in 100-entry
# transaction bundles for an enrolled subject and again for a patient in no study, and prints for each the share of
# the request threads' CPU samples per write step (inclusive: samples whose stack passes through the step's class)
# and the CPU of the re-derivation thread. JFR's default stack depth (64) cuts most of these stacks: the server runs
# with a depth of 1024. Settings: N (default 2000), PORT (18080). Recordings and tables: bench/results/profile-<time>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-2000}
PORT=${PORT:-18080}
BUNDLES=$((N / 100))

[ -f target/trialfhir.jar ] || ./mvnw -q -DskipTests package
OUT=bench/results/profile-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
java -Xmx1g -XX:FlightRecorderOptions:stackdepth=1024 -jar target/trialfhir.jar --spring.profiles.active=demo-clients \
  --server.port="$PORT" --trialfhir.embedded-postgres.data-dir="$OUT/pg" --trialfhir.security.issuer="http://localhost:$PORT" \
  --logging.structured.format.console= > "$OUT/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "server died, see $OUT/server.log"; exit 1; }
  sleep 1
done
token=$(curl -fs -u admin-demo:admin-demo-secret -d grant_type=client_credentials "http://localhost:$PORT/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
base="http://localhost:$PORT/fhir"

python3 bench/profile/write_load.py "$base" "$token" enrolled 5 >/dev/null
python3 bench/profile/write_load.py "$base" "$token" none 5 >/dev/null
for mode in enrolled none; do
  sleep 10 # let the re-derivation of the previous load finish
  jcmd $server JFR.start name="$mode" settings=profile filename="$PWD/$OUT/$mode.jfr" >/dev/null
  python3 bench/profile/write_load.py "$base" "$token" "$mode" "$BUNDLES" | tee "$OUT/$mode.rate.json"
  jcmd $server JFR.stop name="$mode" >/dev/null
  java bench/profile/JfrSamples.java "$OUT/$mode.jfr" "$OUT/$mode.tsv"
  python3 bench/profile/rank_steps.py "$OUT/$mode" | tee "$OUT/$mode.steps.txt"
done
