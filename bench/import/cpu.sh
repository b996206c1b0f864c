#!/usr/bin/env bash
# CPU per 1,000 imported lines: the server JVM's and its PostgreSQL's (utime + stime from /proc), the figure that
# decides $import's throughput on a machine of two cores, whatever else runs on it. One server; a warm-up import of
# one simulated trial (ids w-...), then the measured import of the same trial under other ids (m-...), inline NDJSON.
# The re-derivation worker is off (the import's own cost only). Run two servers at once (two JARs, two ports) to compare a before and an after build under the same load.
#
#   JAR=target/trialfhir.jar PORT=19210 SUBJECTS=10 bench/import/cpu.sh
#
# Settings (environment): JAR, PORT (19210), SUBJECTS (10), DAYS (10), OUT (bench/results/import-cpu-$PORT),
# SERVER_ARGS (more server arguments, e.g. --trialfhir.import.parallelism=1), JFR (1: also record Java Flight Recorder
# CPU samples over the measured import and print where the import threads' samples go, bench/import/frames.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/trialfhir.jar}
PORT=${PORT:-19210}
SUBJECTS=${SUBJECTS:-10}
DAYS=${DAYS:-10}
OUT=${OUT:-bench/results/import-cpu-$PORT}
rm -rf "$OUT" && mkdir -p "$OUT"
# shellcheck source=../profile/server.sh
. bench/profile/server.sh

java -jar "$JAR" simulate --subjects "$SUBJECTS" --days "$DAYS" --seed 1 --format ndjson --out "$OUT/sim" >/dev/null
cat "$OUT"/sim/ndjson/*.ndjson | sed 's/sim-/w-/g' > "$OUT/warmup.ndjson"
cat "$OUT"/sim/ndjson/*.ndjson | sed 's/sim-/m-/g' > "$OUT/measured.ndjson"
lines=$(grep -c . "$OUT/measured.ndjson")
# the re-derivation worker off: the warm-up's patients, released at its end, are not derived during the measurement
SERVER_ARGS="--trialfhir.scoring.recompute.enabled=false ${SERVER_ARGS:-}"
if [ "${JFR:-0}" = 1 ]; then start_server "$OUT" -XX:FlightRecorderOptions:stackdepth=1024; else start_server "$OUT"; fi
pg_dir="$PWD/$OUT/pg"

cpu() { # CPU seconds of the JVM and of the PostgreSQL of this data directory (the postmaster's ended children included)
  python3 - "$server" "$pg_dir" <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
jvm, data_dir = sys.argv[1], sys.argv[2]
def stat(pid):
    return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
def cmdline(pid):  # empty for a process that ended meanwhile
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""
pids = [p for p in os.listdir("/proc") if p.isdigit()]
postmaster = [p for p in pids if data_dir in cmdline(p)]
pg = 0.0
for p in pids:
    try:
        fields = stat(p)
        if p in postmaster:
            pg += sum(int(f) for f in fields[11:15])
        elif fields[1] in postmaster:
            pg += sum(int(f) for f in fields[11:13])
    except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
        pass
print(f"{sum(int(f) for f in stat(jvm)[11:13]) / tick:.2f} {pg / tick:.2f}")
PY
}

import_file() { # POSTs the NDJSON and polls until the job ends; fails unless every line was written
  local location status
  location=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/fhir+ndjson' \
    --data-binary @"$1" "$base/\$import" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-location"{print $2}')
  while :; do
    status=$(curl -s -o "$OUT/report.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$location")
    [ "$status" = 202 ] || break
    sleep 0.5
  done
  [ "$status" = 200 ] || { echo "poll answered $status"; cat "$OUT/report.json"; exit 1; }
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["status"]=="completed" and not r["errors"], r["errors"][:3]' "$OUT/report.json"
}

import_file "$OUT/warmup.ndjson"
[ "${JFR:-0}" = 1 ] && jcmd "$server" JFR.start name=import settings=profile filename="$PWD/$OUT/import.jfr" >/dev/null
before=$(cpu); began=$(date +%s.%N)
import_file "$OUT/measured.ndjson"
after=$(cpu); ended=$(date +%s.%N)
if [ "${JFR:-0}" = 1 ]; then
  jcmd "$server" JFR.stop name=import >/dev/null
  jfr print --events jdk.ExecutionSample --stack-depth 1024 "$OUT/import.jfr" > "$OUT/samples.txt"
  python3 bench/import/frames.py "$OUT/samples.txt" | tee "$OUT/frames.txt"
fi
python3 - "$lines" "$before" "$after" "$began" "$ended" "$JAR" <<PY
import sys
n = int(sys.argv[1]); b = list(map(float, sys.argv[2].split())); a = list(map(float, sys.argv[3].split()))
wall = float(sys.argv[5]) - float(sys.argv[4])
jvm, pg = (a[0] - b[0]) * 1000 / n, (a[1] - b[1]) * 1000 / n
print(f"{sys.argv[6]}: {n} lines in {wall:.1f} s ({n / wall:.0f}/s); CPU s per 1,000 lines: JVM {jvm:.2f}, PostgreSQL {pg:.2f}, sum {jvm + pg:.2f}")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
