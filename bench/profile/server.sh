# Sourced by the profile scripts: the server under measurement, started as bench/run.sh starts it (-Xmx1g, a fresh
# embedded PostgreSQL in the results directory, validation enforce, the demo clients).
#   start_server <results dir> [more JVM flags...]   JAR, PORT and SERVER_ARGS (more server arguments) are read;
#                                                    sets server (its pid), then waits as await_server does
#   await_server <results dir>                       waits for its health (up to 30 min: a start on a busy machine),
#                                                    then sets token (admin-demo) and base (the FHIR base URL)

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
