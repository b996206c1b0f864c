#!/usr/bin/env bash
# What the background re-derivation costs while one enrolled subject receives 100-entry bundles: CPU, not rates.
# Starts the server as bench/profile/run.sh does (-Xmx1g, fresh embedded PostgreSQL, validation enforce), warms it up
# with WARMUP Observations for a subject of its own (the JIT compiles meanwhile) and waits until their re-derivation is
# done, then sends N Observations for a new enrolled subject (bench/profile/write_load.py) and waits again until no
# re-derivation has run for QUIET seconds (10; longer than the server's recompute delay). Prints one JSON line: per 1,000 Observations the CPU of the JVM, of the
# re-derivation thread (trialfhir-rederive) and of the server's PostgreSQL processes, each from /proc (user + system,
# the re-derivation after the load included); the re-derivations during the load and after it
# (trialfhir_scoring_rederivations_total); how long after the last bundle's answer the last re-derivation finished
# (polled every 0.5 s); and the load average. Settings: N (2000), WARMUP (2000), SAME_SUBJECT (0; 1: the N
# Observations go to the warm-up's subject, so each re-derivation meets a history of WARMUP+ inputs), PORT (18080), JAR
# (target/trialfhir.jar: another build's jar, to compare two builds run side by side on two ports), QUIET, SERVER_ARGS (more
# server arguments, e.g. "--trialfhir.scoring.recompute.delay=20s" to keep the delay longer than a bundle takes on a
# loaded machine). Output and the server log: bench/results/rederive-<time>-<port>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-2000}
WARMUP=${WARMUP:-2000}
PORT=${PORT:-18080}
JAR=${JAR:-target/trialfhir.jar}
SERVER_ARGS=${SERVER_ARGS:-}
QUIET=${QUIET:-10}
SAME_SUBJECT=${SAME_SUBJECT:-0}
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
OUT=bench/results/rederive-$(date -u +%Y%m%dT%H%M%SZ)-$PORT
mkdir -p "$OUT"
. bench/profile/server.sh
start_server "$OUT"

rederivations() {
  curl -fs -H "Authorization: Bearer $token" "http://localhost:$PORT/actuator/prometheus" \
    | awk '/^trialfhir_scoring_rederivations_total/ { n += $2 } END { printf "%d\n", n }'
}
# polls until no re-derivation for QUIET s; prints the count and the epoch time (s, 0.5 s steps) of the last change
settle() {
  local count changed quiet=0 now
  count=$(rederivations); changed=$(date +%s.%N)
  while [ $quiet -lt $((QUIET * 2)) ]; do
    sleep 0.5
    now=$(rederivations)
    if [ "$now" != "$count" ]; then count=$now; changed=$(date +%s.%N); quiet=0; else quiet=$((quiet + 1)); fi
  done
  echo "$count $changed"
}
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system, clock ticks
jvm_cpu() { ticks "$server"; }
worker_cpu() {
  for task in /proc/$server/task/*; do
    if [ "$(cat "$task/comm")" = "trialfhir-reder" ]; then awk '{ print $14 + $15 }' "$task/stat"; return; fi
  done
  echo 0
}
# the server's postmaster (its command line names the data directory), its live backends and the finished ones
postgres_cpu() {
  local master total
  master=$(pgrep -f -- "$OUT/pg" | grep -vx "$server" | head -1)
  total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$master/stat")
  for child in $(pgrep -P "$master"); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

python3 bench/profile/write_load.py "$base" "$token" enrolled $((WARMUP / 100)) > "$OUT/warmup.json"
settle > /dev/null
load_before=$(cut -d' ' -f1 /proc/loadavg)
jvm0=$(jvm_cpu); worker0=$(worker_cpu); pg0=$(postgres_cpu); count0=$(rederivations)
if [ "$SAME_SUBJECT" = 1 ]; then # the load continues the warm-up's subject: a history of WARMUP inputs
  PATIENT=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["patient"])' < "$OUT/warmup.json") FIRST=$WARMUP \
    python3 bench/profile/write_load.py "$base" "$token" enrolled $((N / 100)) > "$OUT/load.json"
else
  python3 bench/profile/write_load.py "$base" "$token" enrolled $((N / 100)) > "$OUT/load.json"
fi
loaded=$(date +%s.%N)
count1=$(rederivations)
read -r count2 last <<< "$(settle)"
jvm1=$(jvm_cpu); worker1=$(worker_cpu); pg1=$(postgres_cpu)
load_after=$(cut -d' ' -f1 /proc/loadavg)
hz=$(getconf CLK_TCK)
python3 - "$N" "$hz" "$jvm0" "$jvm1" "$worker0" "$worker1" "$pg0" "$pg1" "$count0" "$count1" "$count2" "$loaded" \
  "$last" "$load_before" "$load_after" "$JAR" "$SERVER_ARGS" <<'EOF' | tee "$OUT/result.json"
import json, sys
n, hz = int(sys.argv[1]), int(sys.argv[2])
jvm0, jvm1, w0, w1, pg0, pg1, c0, c1, c2 = (int(a) for a in sys.argv[3:12])
loaded, last = float(sys.argv[12]), float(sys.argv[13])
per_k = lambda ticks: round(ticks / hz * 1000 / n, 2)
print(json.dumps({"jar": sys.argv[16], "server_args": sys.argv[17], "observations": n,
    "jvm_cpu_s_per_1000": per_k(jvm1 - jvm0), "rederive_thread_cpu_s_per_1000": per_k(w1 - w0),
    "postgres_cpu_s_per_1000": per_k(pg1 - pg0),
    "rederive_thread_cpu_ms_per_rederivation": round((w1 - w0) / hz * 1000 / max(1, c2 - c0)),
    "rederivations_during_load": c1 - c0,
    "rederivations_after_load": c2 - c1, "last_rederivation_s_after_load": round(max(0.0, last - loaded), 1),
    "load_average": [float(sys.argv[14]), float(sys.argv[15])]}))
EOF
