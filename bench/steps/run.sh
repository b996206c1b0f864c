#!/usr/bin/env bash
# The write pipeline's step timers under load: starts the server as bench/run.sh does (-Xmx1g, fresh embedded
# PostgreSQL, validation enforce; the background re-derivation worker off, so that the timers count the client's
# writes alone — the re-derivation queue row is still written), warms it up, then writes N single keyed POSTs and
# N/100 bundles of 100 for one enrolled subject and prints, per step of docs/architecture.md "A trial write", how many
# calls it timed and its mean time per Observation (bench/steps/steps.py). Settings: N (default 1000), PORT (18080).
# Output: bench/results/steps-<time>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-1000}
PORT=${PORT:-18080}

[ -f target/trialfhir.jar ] || ./mvnw -q -DskipTests package
OUT=bench/results/steps-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
java -Xmx1g -jar target/trialfhir.jar --spring.profiles.active=demo-clients --trialfhir.scoring.recompute.enabled=false \
  --server.port="$PORT" --trialfhir.embedded-postgres.data-dir="$OUT/pg" --trialfhir.security.issuer="http://localhost:$PORT" \
  --logging.structured.format.console= > "$OUT/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "server died, see $OUT/server.log"; exit 1; }
  sleep 1
done
token=$(curl -fs -u admin-demo:admin-demo-secret -d grant_type=client_credentials "http://localhost:$PORT/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
python3 bench/steps/steps.py "http://localhost:$PORT/fhir" "http://localhost:$PORT/actuator/prometheus" "$token" 200 >/dev/null
{ echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 bench/steps/steps.py "http://localhost:$PORT/fhir" "http://localhost:$PORT/actuator/prometheus" "$token" "$N"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; } | tee "$OUT/steps.txt"
