#!/usr/bin/env bash
# Bulk import against our own 100-entry transaction bundles: the same simulated trial loaded twice into one server,
# once as 100-entry bundles POSTed one after the other (the rate of bench/run.sh's bundle client), once through
# $import from NDJSON files on an allow-listed local web server; Observations per second of each and their ratio, and
# the CPU (the server's JVM and its PostgreSQL, from /proc) each load used per Observation and in cores, from which the
# ratio $import could reach with every core of the machine busy.
# The two copies have different ids (sim- and imp-), so the second finds nothing of the first to update.
#
#   ./mvnw -o -q package -DskipTests && bench/import/run.sh
#
# Settings (environment): SUBJECTS (100), DAYS (10), PORT (18093), FILES_PORT (18094),
# WORK (/tmp/trialfhir-bench-import), JAR (target/trialfhir.jar), FIRST (bundles: the load that runs first, on the
# colder JVM; import to swap them). The server runs as in production (validation on,
# durable PostgreSQL, re-derivation on): both loads do the same work per Observation.
set -euo pipefail
cd "$(dirname "$0")/../.."
SUBJECTS=${SUBJECTS:-100}
DAYS=${DAYS:-10}
PORT=${PORT:-18093}
FILES_PORT=${FILES_PORT:-18094}
WORK=${WORK:-/tmp/trialfhir-bench-import}
JAR=${JAR:-target/trialfhir.jar}
FIRST=${FIRST:-bundles}
BASE=http://localhost:$PORT
rm -rf "$WORK" && mkdir -p "$WORK/files"

java -jar "$JAR" simulate --subjects "$SUBJECTS" --days "$DAYS" --seed 1 --format both --out "$WORK/sim" >/dev/null
python3 bench/import/rebundle.py 100 "$WORK/bundles" "$WORK"/sim/sim-p*.json >/dev/null
for file in "$WORK"/sim/ndjson/*.ndjson; do sed 's/sim-/imp-/g' "$file" > "$WORK/files/$(basename "$file")"; done
observations=$(wc -l < "$WORK/sim/ndjson/Observation.ndjson")

java -Xmx1g -jar "$JAR" --spring.profiles.active=demo-clients --server.port="$PORT" \
  --trialfhir.embedded-postgres.data-dir="$WORK/pg" --trialfhir.import.allowed-hosts=localhost \
  --logging.structured.format.console= > "$WORK/server.log" 2>&1 &
SERVER=$!
python3 -m http.server "$FILES_PORT" --bind localhost --directory "$WORK/files" > "$WORK/files.log" 2>&1 &
FILES=$!
trap 'kill $SERVER $FILES; wait $SERVER 2>/dev/null || true' EXIT
until curl -sf "$BASE/actuator/health" >/dev/null; do sleep 2; done
[ -f bench/target/trialfhir-bench.jar ] || ./mvnw -q -f bench/pom.xml -DskipTests package
# CPU seconds so far of the server's JVM and of its PostgreSQL, summed over thread groups and processes
cpu_s() {
  java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.ProcessCpu "$SERVER" "$WORK/pg" |
    python3 -c 'import json,sys; print(sum(json.load(sys.stdin).values()))'
}
token() {
  curl -sf -u admin-demo:admin-demo-secret -d grant_type=client_credentials "$BASE/oauth2/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
now() { date +%s.%N; }

# the set-up of the bundles' copy (study, patients, subjects), not timed
admin=$(token)
curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/fhir+json' \
  --data-binary @"$WORK/sim/00-setup.json" "$BASE/fhir"

# the clinical data in 100-entry bundles, one client
load_bundles() {
  cpu_before=$(cpu_s)
  start=$(now)
  count=0
  for file in "$WORK"/bundles/*.json; do
    if [ $((count % 50)) = 0 ]; then admin=$(token); fi
    curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/fhir+json' \
      --data-binary @"$file" "$BASE/fhir" || { echo "loading $file failed"; exit 1; }
    count=$((count + 1))
  done
  bundles_s=$(python3 -c "print($(now) - $start)")
  bundles_cpu=$(python3 -c "print($(cpu_s) - $cpu_before)")
}

# the same trial (other ids) through $import, every type from the allow-listed web server, until the poll says done
load_import() {
  inputs=$(for file in "$WORK"/files/*.ndjson; do
    type=$(basename "$file" .ndjson)
    printf ',{"name":"input","part":[{"name":"type","valueCode":"%s"},{"name":"url","valueUri":"http://localhost:%s/%s.ndjson"}]}' \
      "$type" "$FILES_PORT" "$type"
  done)
  body="{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"inputFormat\",\"valueCode\":\"application/fhir+ndjson\"}$inputs]}"
  admin=$(token)
  cpu_before=$(cpu_s)
  start=$(now)
  location=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/fhir+json' \
    --data "$body" "$BASE/fhir/\$import" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-location"{print $2}')
  while :; do
    status=$(curl -s -o "$WORK/report.json" -w '%{http_code}' -H "Authorization: Bearer $admin" "$location")
    [ "$status" = 202 ] || break
    sleep 0.5
    if [ $(( $(date +%s) % 60 )) = 0 ]; then admin=$(token); fi
  done
  import_s=$(python3 -c "print($(now) - $start)")
  import_cpu=$(python3 -c "print($(cpu_s) - $cpu_before)")
  [ "$status" = 200 ] || { echo "poll answered $status"; cat "$WORK/report.json"; exit 1; }
  python3 - "$WORK/report.json" "$observations" <<'PY'
import json, sys
report, expected = json.load(open(sys.argv[1])), int(sys.argv[2])
created = report["counts"]["Observation"]["created"]
assert report["status"] == "completed" and not report["errors"] and created == expected, (created, expected, report["errors"][:3])
PY
}

if [ "$FIRST" = import ]; then load_import; load_bundles; else load_bundles; load_import; fi

python3 - "$observations" "$bundles_s" "$import_s" "$SUBJECTS" "$DAYS" "$FIRST" "$bundles_cpu" "$import_cpu" "$(nproc)" <<'PY'
import sys
n, b, i, subjects, days = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
b_cpu, i_cpu, cores = float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9])
print(f"| load ({subjects} subjects x {days} days, {n} Observations; {sys.argv[6]} first) | seconds | Observations/s "
      f"| CPU ms per Observation (server + PostgreSQL) | cores busy |")
print("|---|---:|---:|---:|---:|")
print(f"| 100-entry transaction bundles, one client | {b:.1f} | {n / b:.0f} | {1000 * b_cpu / n:.2f} | {b_cpu / b:.2f} |")
print(f"| $import (NDJSON by URL, chunks of 500) | {i:.1f} | {n / i:.0f} | {1000 * i_cpu / n:.2f} | {i_cpu / i:.2f} |")
print(f"| ratio $import / bundles | | {b / i:.2f} | | |")
# with all the machine's cores busy at its own CPU per Observation, $import could go at most this fast
print(f"| ceiling: $import with all {cores} cores busy / bundles | | {cores / (i_cpu / n) / (n / b):.2f} | | |")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
