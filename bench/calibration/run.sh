#!/usr/bin/env bash
# The simulator's calibration as the server itself scores it (docs/simulator.md, "Simulated medians via
# $derive-scores / $analyze"): simulate a pilot-sized trial, load it into a fresh server, derive every score with
# $derive-scores on the study, compare the arms with $analyze, and print the medians next to the pilot's figures.
#
#   ./mvnw -o -q package -DskipTests        # builds target/trialfhir.jar
#   bench/calibration/run.sh
#
# Settings (environment): SUBJECTS (42), SEED (1), PORT (18091), WORK (/tmp/trialfhir-calibration),
# JAR (target/trialfhir.jar). Loading runs with write validation off (the simulator's output is validated by
# FhirExamplesTest; validating ~20,000 resources here would take most of an hour on this machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
SUBJECTS=${SUBJECTS:-42}
SEED=${SEED:-1}
PORT=${PORT:-18091}
WORK=${WORK:-/tmp/trialfhir-calibration}
JAR=${JAR:-target/trialfhir.jar}
BASE=http://localhost:$PORT
rm -rf "$WORK" && mkdir -p "$WORK"

java -jar "$JAR" simulate --subjects "$SUBJECTS" --days 10 --seed "$SEED" --out "$WORK/sim" >/dev/null
java -Xmx2g -jar "$JAR" --spring.profiles.active=demo-clients --server.port="$PORT" --trialfhir.embedded-postgres.data-dir="$WORK/pg" \
  --trialfhir.embedded-postgres.durable=false --trialfhir.validation.mode=off \
  --logging.structured.format.console= > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER; wait $SERVER 2>/dev/null || true' EXIT
until curl -sf "$BASE/actuator/health" >/dev/null; do sleep 2; done
ADMIN=$(curl -sf -u admin-demo:admin-demo-secret -d grant_type=client_credentials "$BASE/oauth2/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

for file in "$WORK"/sim/00-setup.json "$WORK"/sim/sim-p*.json; do
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/fhir+json' \
    --data-binary @"$file" "$BASE/fhir" || { echo "loading $file failed"; exit 1; }
done
curl -sf -o "$WORK/derived.json" -X POST -H "Authorization: Bearer $ADMIN" \
  "$BASE/fhir/ResearchStudy/sim-study/\$derive-scores"
curl -sf -o "$WORK/analysis.json" -H "Authorization: Bearer $ADMIN" "$BASE/fhir/ResearchStudy/sim-study/\$analyze"

python3 - "$WORK/analysis.json" "$SUBJECTS" "$SEED" <<'PY'
import json, sys
analysis = json.load(open(sys.argv[1]))
def parts(p):
    out = {}
    for part in p.get("part", []):
        value = [v for k, v in part.items() if k.startswith("value")]
        out[part["name"]] = value[0] if value else None
    return out
params = analysis["parameter"]
arms = [parts(p) for p in params if p["name"] == "arm"]
medians = {}
for p in params:
    if p["name"] == "comparison":
        c = parts(p)
        medians[(c["variable"]["code"], c["day"])] = (c.get("arm-1-median"), c.get("arm-2-median"))
fmt = lambda v: "–" if v is None else ("%g" % v)
print("simulate --subjects %s --days 10 --seed %s; scores by $derive-scores, medians by $analyze" % (sys.argv[2], sys.argv[3]))
print()
print("| figure | pilot | %s | %s |" % (arms[0]["name"], arms[1]["name"]))
print("|---|---|---|---|")
print("| subjects | 18 / 24 | %d | %d |" % (arms[0]["n"], arms[1]["n"]))
print("| 28-day mortality | ≈ 47 %% | %.0f %% (%d) | %.0f %% (%d) |" % (100 * arms[0]["mortality"], arms[0]["deaths"],
      100 * arms[1]["mortality"], arms[1]["deaths"]))
pilot = {"apache-ii": "32 → 26", "sofa": "12 → 8", "jaam-dic": "5 → 3", "sirs": "3 → 2", "777-3": "control: fall, then recovery; rTM: rise from day 1"}
names = {"apache-ii": "APACHE II", "sofa": "SOFA", "jaam-dic": "JAAM DIC", "sirs": "SIRS", "777-3": "platelets ×10⁹/L"}
for code in ["apache-ii", "sofa", "jaam-dic", "sirs", "777-3"]:
    days = [1, 3, 7, 10]
    cells = [" → ".join(fmt(medians.get((code, d), (None, None))[arm]) for d in days) for arm in (0, 1)]
    print("| %s day 1 → 3 → 7 → 10 | %s | %s | %s |" % (names[code], pilot[code], cells[0], cells[1]))
PY
