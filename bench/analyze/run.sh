#!/usr/bin/env bash
# $analyze benchmark: a 1,000-subject simulated trial with derived scores in a fresh server, then the median time of
# several $analyze calls (all defaults: six scores + platelets, days 1-10) per format.
#
#   ./mvnw -o -q package -DskipTests        # builds target/trialfhir.jar
#   bench/analyze/run.sh                 # full simulated trial (~450,000 resources; loading takes a while)
#   SUBSET=1 bench/analyze/run.sh        # only what $analyze reads (setup, platelets, AdverseEvents) + derived scores
#
# $analyze first finishes the pending re-derivations of its study (docs/analysis.md): the background worker and the
# two warm-up calls re-derive from the loaded inputs (replacing prepare.py's drawn scores where inputs exist), so the
# timed calls find nothing pending and measure the analysis alone.
#
# Settings (environment): SUBJECTS (1000), RUNS (9), PORT (18089), WORK (/tmp/trialfhir-bench-analyze),
# JAR (target/trialfhir.jar), KEEP=1 to reuse a loaded database in WORK (skips generating and loading).
set -euo pipefail
cd "$(dirname "$0")/../.."
SUBJECTS=${SUBJECTS:-1000}
RUNS=${RUNS:-9}
PORT=${PORT:-18089}
WORK=${WORK:-/tmp/trialfhir-bench-analyze}
JAR=${JAR:-target/trialfhir.jar}
BASE=http://localhost:$PORT
mkdir -p "$WORK"

if [ "${KEEP:-0}" != 1 ]; then
  rm -rf "$WORK/sim" "$WORK/prep" "$WORK/pg"
  java -jar "$JAR" simulate --subjects "$SUBJECTS" --days 10 --seed 1 --out "$WORK/sim" >/dev/null
  python3 bench/analyze/prepare.py "$WORK/sim" "$WORK/prep" ${SUBSET:+--subset}
fi

java -Xmx3g -jar "$JAR" --spring.profiles.active=demo-clients --server.port="$PORT" --trialfhir.embedded-postgres.data-dir="$WORK/pg" \
  --trialfhir.embedded-postgres.durable=false --logging.structured.format.console= \
  --logging.level.org.trialfhir.analysis=DEBUG > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER; wait $SERVER 2>/dev/null || true' EXIT
until curl -sf "$BASE/actuator/health" >/dev/null; do sleep 2; done

token() {
  curl -sf -u "$1:$1-secret" -d grant_type=client_credentials "$BASE/oauth2/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

if [ "${KEEP:-0}" != 1 ]; then
  SOURCE="$WORK/sim"; [ -n "${SUBSET:-}" ] && SOURCE="$WORK/prep/subset"
  started=$(date +%s)
  count=0
  for file in "$SOURCE"/00-setup.json "$SOURCE"/sim-p*.json "$WORK"/prep/derived-*.json; do
    if [ $((count % 50)) = 0 ]; then ADMIN=$(token admin-demo); fi   # tokens live 1 h; loading may take longer
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/fhir+json' \
      --data-binary @"$file" "$BASE/fhir" || { echo "loading $file failed"; exit 1; }
    count=$((count + 1))
  done
  echo "loaded $count bundles in $(( $(date +%s) - started )) s"
fi

INVESTIGATOR=$(token investigator-demo)
URL="$BASE/fhir/ResearchStudy/sim-study/\$analyze"
for format in json csv html; do
  times=()
  for run in $(seq 1 $((RUNS + 2))); do
    t=$(curl -sf -o "$WORK/analyze.$format" -w '%{time_total}' -H "Authorization: Bearer $INVESTIGATOR" \
      "$URL?_format=$format")
    [ "$run" -gt 2 ] && times+=("$t")                                  # the first two runs warm up the JVM
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v f="$format" -v n="${#times[@]}" \
    '{a[NR]=$1} END {printf "%-4s median %.3f s  (min %.3f, max %.3f, %d runs)\n", f, a[int((n+1)/2)], a[1], a[n], n}'
done
grep -h 'analyze sim-study' "$WORK/server.log" | tail -3 | sed 's/.*\$analyze/  server: $analyze/'
