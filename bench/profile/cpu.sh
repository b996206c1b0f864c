#!/usr/bin/env bash
# CPU per 1,000 single POSTed Observations, of the server's JVM and of its PostgreSQL, and HAPI's index rows per stored
# AuditEvent and Observation. Rates are noise on a shared machine; CPU time is not (JFR's sampler misses most of it when
# many threads run). Starts the jar (-Xmx1g, fresh embedded PostgreSQL, validation enforce), warms it up with WARMUP
# single POSTs per mode (the JIT compiles meanwhile), then for each mode sends N keyed single POSTs from 4 clients
# (bench/profile/write_load.py ... single) and reads, before the load and once the audit publisher and the
# re-derivation have caught up with it (their counters unchanged for 10 s), the JVM's utime+stime (/proc/<pid>/stat)
# and that of the PostgreSQL processes of its data directory (the postmaster with its reaped children, and its live
# children). To compare two builds run two at once on two PORTs, one with JAR= the other build's jar.
# Settings: JAR (target/trialfhir.jar), PORT (18080), MODES ("enrolled none"), N (2000), WARMUP (2000),
# SERVER_ARGS (more server arguments, e.g. --trialfhir.audit.publish-interval=2s), LOAD (single, or bundles: the same
# Observations in 100-entry transaction bundles from one client instead); ATTACH=<pid> with OUT=<dir> measures a
# server an earlier run of this script started (WARMUP=0 if it is warm). Output: bench/results/cpu-<time>-<port>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-target/trialfhir.jar}
PORT=${PORT:-18080}
MODES=${MODES:-enrolled none}
N=${N:-2000}
WARMUP=${WARMUP:-2000}
SERVER_ARGS=${SERVER_ARGS:-}
LOAD=${LOAD:-single}
[ "$LOAD" = single ] || [ "$LOAD" = bundles ] || { echo "LOAD is single or bundles"; exit 1; }
single=$([ "$LOAD" = single ] && echo single || true)
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
. bench/profile/server.sh
if [ -n "${ATTACH:-}" ]; then # ATTACH=<pid> OUT=<its results dir>: measure a server this script started before
  server=$ATTACH
  await_server "$OUT"
else
  OUT=bench/results/cpu-$(date -u +%Y%m%dT%H%M%SZ)-$PORT
  mkdir -p "$OUT"
  start_server "$OUT"
fi
pgport=$(grep -oE 'Embedded PostgreSQL on port [0-9]+' "$OUT/server.log" | head -1 | awk '{print $5}')
postmaster=$(pgrep -f -- "-D $PWD/$OUT/pg" | head -1)
tck=$(getconf CLK_TCK)

# seconds of CPU of one process (own), or with its reaped children too (all)
cpu_of() { awk -v all="$2" -v t="$tck" '{ s = $14 + $15; if (all) s += $16 + $17; printf "%.2f\n", s / t }' "/proc/$1/stat"; }
pg_cpu() {
  local total
  total=$(cpu_of "$postmaster" 1)
  for child in $(pgrep -P "$postmaster"); do
    total=$(echo "$total + $(cpu_of "$child" 0 2>/dev/null || echo 0)" | bc)
  done
  echo "$total"
}
# the re-derivations done so far; the audit rows not yet published (each scrape of the counters is audited itself, so
# the published count never holds still: the outbox is read instead)
counters() {
  curl -fs -H "Authorization: Bearer $token" "http://localhost:$PORT/actuator/prometheus" \
    | awk '/^trialfhir_scoring_rederivations_total/ { n += $2 } END { printf "%d\n", n }'
}
pending_audit() { psql -qAt -h localhost -p "$pgport" -U postgres trialfhir -c "SELECT count(*) FROM trialfhir_audit_outbox"; }
settle() {
  local last=-1 now
  now=$(counters)
  while [ "$now" != "$last" ] || [ "$(pending_audit)" -gt 2 ]; do last=$now; sleep 10; now=$(counters); done
}
rows() { # index rows of one resource type per stored resource of it, by table and parameter
  psql -qAt -h localhost -p "$pgport" -U postgres trialfhir -c "
    WITH n AS (SELECT count(*)::numeric c FROM hfj_resource WHERE res_type = '$1'),
    r AS (SELECT 'token.' || sp_name k, count(*) v FROM hfj_spidx_token WHERE res_type = '$1' GROUP BY 1
      UNION ALL SELECT 'string.' || sp_name, count(*) FROM hfj_spidx_string WHERE res_type = '$1' GROUP BY 1
      UNION ALL SELECT 'date.' || sp_name, count(*) FROM hfj_spidx_date WHERE res_type = '$1' GROUP BY 1
      UNION ALL SELECT 'uri.' || sp_name, count(*) FROM hfj_spidx_uri WHERE res_type = '$1' GROUP BY 1
      UNION ALL SELECT 'quantity.' || sp_name, count(*) FROM hfj_spidx_quantity WHERE res_type = '$1' GROUP BY 1
      UNION ALL SELECT 'number.' || sp_name, count(*) FROM hfj_spidx_number WHERE res_type = '$1' GROUP BY 1
      UNION ALL SELECT 'link.' || src_path, count(*) FROM hfj_res_link WHERE source_resource_type = '$1' GROUP BY 1)
    SELECT '$1 stored: ' || (SELECT c FROM n) UNION ALL
    SELECT k || ' ' || round(v / (SELECT c FROM n), 2) FROM r UNION ALL
    SELECT 'all per $1: ' || round(coalesce(sum(v), 0) / (SELECT c FROM n), 2) FROM r"
}

for mode in $MODES; do
  python3 bench/profile/write_load.py "$base" "$token" "$mode" $((WARMUP / 100)) $single >/dev/null
done
settle
for mode in $MODES; do
  jvm0=$(cpu_of $server 0); pg0=$(pg_cpu)
  python3 bench/profile/write_load.py "$base" "$token" "$mode" $((N / 100)) $single > "$OUT/$mode.rate.json"
  settle
  jvm1=$(cpu_of $server 0); pg1=$(pg_cpu)
  python3 - "$mode" "$N" "$jvm0" "$jvm1" "$pg0" "$pg1" "$(cut -d' ' -f1-3 /proc/loadavg)" "$OUT/$mode.rate.json" "$LOAD" <<'EOF' | tee "$OUT/$mode.cpu.json"
import json, sys
mode, n, j0, j1, p0, p1, load, rate = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:7]), sys.argv[7], sys.argv[8]
print(json.dumps({"mode": mode + (" single POSTs" if sys.argv[9] == "single" else " 100-entry bundles"), "observations": n, "jvm_cpu_s_per_1000": round((j1 - j0) * 1000 / n, 2),
                  "postgres_cpu_s_per_1000": round((p1 - p0) * 1000 / n, 2), "load_average": load,
                  "per_s": json.load(open(rate))["per_s"]}))
EOF
done
rows AuditEvent | tee "$OUT/auditevent-rows.txt"
rows Observation | tee "$OUT/observation-rows.txt"
