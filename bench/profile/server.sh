# Sourced by the profile scripts: the server under measurement, started as bench/run.sh starts it (-Xmx1g, a fresh
# embedded PostgreSQL in the results directory, validation enforce, the demo clients).
#   start_server <results dir> [more JVM flags...]   JAR, PORT and SERVER_ARGS (more server arguments) are read;
#                                                    sets server (its pid), then waits as await_server does
#   await_server <results dir>                       waits for its health (up to 30 min: a start on a busy machine),
#                                                    then sets token (admin-demo) and base (the FHIR base URL)
#   start_plain_peer <results dir> [more JVM flags...] the plain HAPI JPA peer (bench/plain-peer, built if missing) on
#                                                    a PostgreSQL of the same binaries and durable settings
#                                                    (PeerPostgres, data in <results dir>/pg); sets server, postgres,
#                                                    base, and token=none (the peer ignores it)

start_server() {
  local out=$1; shift
  # shellcheck disable=SC2086
  java -Xmx1g "$@" -jar "$JAR" --spring.profiles.active=demo-clients --server.port="$PORT" \
    --trialfhir.embedded-postgres.data-dir="$PWD/$out/pg" --trialfhir.security.issuer="http://localhost:$PORT" \
    --logging.structured.format.console= ${SERVER_ARGS:-} > "$out/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  await_server "$out"
}

await_server() {
  local out=$1
  for _ in $(seq 1 1800); do
    curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { echo "server died, see $out/server.log"; exit 1; }
    sleep 1
  done
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null || { echo "server not up, see $out/server.log"; exit 1; }
  token=$(curl -fs -u admin-demo:admin-demo-secret -d grant_type=client_credentials \
    "http://localhost:$PORT/oauth2/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  base="http://localhost:$PORT/fhir"
}

start_plain_peer() {
  local out=$1; shift
  [ -f bench/target/trialfhir-bench.jar ] || ./mvnw -q -f bench/pom.xml -DskipTests package
  [ -f bench/plain-peer/target/plain-hapi-jpa.jar ] || ./mvnw -q -f bench/plain-peer/pom.xml -DskipTests package
  java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.PeerPostgres "$PWD/$out/pg" \
    > "$out/postgres.log" 2>&1 &
  postgres=$!
  local pgport=""
  for _ in $(seq 1 60); do
    pgport=$(grep -oE 'Peer PostgreSQL on port [0-9]+' "$out/postgres.log" | awk '{print $5}') && [ -n "$pgport" ] && break
    sleep 1
  done
  java -Xmx1g "$@" -jar bench/plain-peer/target/plain-hapi-jpa.jar --server.port="$PORT" \
    --spring.datasource.url="jdbc:postgresql://localhost:$pgport/hapi" --spring.datasource.username=postgres \
    --spring.datasource.password= > "$out/server.log" 2>&1 &
  server=$!
  trap 'kill $server $postgres 2>/dev/null || true' EXIT
  for _ in $(seq 1 1800); do
    curl -fs "http://localhost:$PORT/fhir/metadata" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { echo "server died, see $out/server.log"; exit 1; }
    sleep 1
  done
  base="http://localhost:$PORT/fhir" token=none
}
