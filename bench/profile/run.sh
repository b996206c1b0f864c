#!/usr/bin/env bash
# Where a trial write's time goes: starts the server as bench/run.sh does (-Xmx1g, fresh embedded PostgreSQL,
# validation enforce), warms it up, then records Java Flight Recorder CPU samples over N Observations in 100-entry
# transaction bundles for an enrolled subject and again for a patient in no study, and prints for each the share of
# the request threads' CPU samples per write step (inclusive: samples whose stack passes through the step's class)
# and the CPU of the re-derivation thread. JFR's default stack depth (64) cuts most of these stacks: the server runs
# with a depth of 1024. The recording of each load runs on until the re-derivation it queued is done (the count of
# re-derivations, trialfhir_scoring_rederivations_total, unchanged for 10 s), so the re-derivation thread's share covers
# all of it; the count is printed. Settings: N (default 2000), PORT (18080), MODES ("enrolled none"), JAR
# (target/trialfhir.jar: another build's jar, to compare two builds). Recordings and tables: bench/results/profile-<time>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-2000}
PORT=${PORT:-18080}
BUNDLES=$((N / 100))

MODES=${MODES:-enrolled none}
JAR=${JAR:-target/trialfhir.jar}
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
OUT=bench/results/profile-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
. bench/profile/server.sh
start_server "$OUT" -XX:FlightRecorderOptions:stackdepth=1024

python3 bench/profile/write_load.py "$base" "$token" enrolled 5 >/dev/null
python3 bench/profile/write_load.py "$base" "$token" none 5 >/dev/null
# the number of re-derivations done so far (done and failed)
rederivations() {
  curl -fs -H "Authorization: Bearer $token" "http://localhost:$PORT/actuator/prometheus" \
    | awk '/^trialfhir_scoring_rederivations_total/ { n += $2 } END { printf "%d\n", n }'
}
for mode in $MODES; do
  sleep 10 # let the re-derivation of the previous load finish
  jcmd $server JFR.start name="$mode" settings=profile filename="$PWD/$OUT/$mode.jfr" >/dev/null
  before=$(rederivations)
  python3 bench/profile/write_load.py "$base" "$token" "$mode" "$BUNDLES" | tee "$OUT/$mode.rate.json"
  last=-1
  now=$(rederivations)
  while [ "$now" != "$last" ]; do last=$now; sleep 10; now=$(rederivations); done
  jcmd $server JFR.stop name="$mode" >/dev/null
  echo "re-derivations during the recording: $((now - before))" | tee "$OUT/$mode.rederivations.txt"
  java bench/profile/JfrSamples.java "$OUT/$mode.jfr" "$OUT/$mode.tsv"
  python3 bench/profile/rank_steps.py "$OUT/$mode" | tee "$OUT/$mode.steps.txt"
done
