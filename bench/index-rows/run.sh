#!/usr/bin/env bash
# HAPI's index rows per 1,000 Observations (docs/search.md): starts the server jar on a fresh embedded PostgreSQL,
# writes N Observations of an enrolled patient in 100-entry bundles, and counts the hfj_spidx_* and hfj_res_link rows
# of Observations by search parameter (bench/src/.../IndexRows.java). One JSON line on stdout.
#   bench/index-rows/run.sh                      # this tree's jar
#   JAR=/tmp/before/target/trialfhir.jar bench/index-rows/run.sh   # another build, for a before/after
# Settings: JAR (target/trialfhir.jar), N (1000), PORT (18090), JVM_FLAGS (-Xmx1g).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/trialfhir.jar}
N=${N:-1000}
PORT=${PORT:-18090}
JVM_FLAGS=${JVM_FLAGS:--Xmx1g}
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
./mvnw -q -f bench/pom.xml -DskipTests package

data=$(mktemp -d /tmp/trialfhir-index-rows.XXXXXX)
# shellcheck disable=SC2086
java $JVM_FLAGS -jar "$JAR" --spring.profiles.active=demo-clients --server.port="$PORT" \
  --trialfhir.embedded-postgres.data-dir="$data/pg" --trialfhir.security.issuer="http://localhost:$PORT" \
  --logging.structured.format.console= > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
# a start takes 1-10 minutes on a loaded machine
for i in $(seq 1 900); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "server died, see $data/server.log"; exit 1; }
  [ "$i" -lt 900 ] || { echo "no answer, see $data/server.log"; exit 1; }
  sleep 1
done
token=$(curl -fs -u admin-demo:admin-demo-secret -d grant_type=client_credentials "http://localhost:$PORT/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
pgport=$(grep -oE 'Embedded PostgreSQL on port [0-9]+' "$data/server.log" | head -1 | awk '{print $5}')
java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.IndexRows \
  "http://localhost:$PORT/fhir" "$token" "jdbc:postgresql://localhost:$pgport/trialfhir?user=postgres" "$N"
