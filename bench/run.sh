#!/usr/bin/env bash
# TrialFHIR benchmarks, one command. Builds the server and the load client, then for each configuration
# (validation enforce, validation off) starts the server with -Xmx1g on a fresh embedded PostgreSQL and runs the
# ingest benchmark ROUNDS times against raw JDBC into the same PostgreSQL, recording the server's peak RSS and its
# heap after a full GC after every round (leak check). Results: bench/results/<timestamp>/*.jsonl and a Markdown
# summary for docs/benchmarks.md on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
N=${N:-2000}
PORT=${PORT:-18080}

[ -f target/trialfhir.jar ] || mvn -q -DskipTests package
mvn -q -f bench/pom.xml -DskipTests package
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

# run_server_bench <label> [server arguments...]
run_server_bench() {
  local label=$1; shift
  local data; data=$(mktemp -d /tmp/trialfhir-bench.XXXXXX)
  java -Xmx1g -jar target/trialfhir.jar --server.port="$PORT" --trialfhir.embedded-postgres.data-dir="$data/pg" \
    --trialfhir.security.issuer="http://localhost:$PORT" --logging.structured.format.console= "$@" \
    > "$data/server.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 300); do
    curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 $server 2>/dev/null || { echo "server died, see $data/server.log"; exit 1; }
    sleep 1
  done
  local token pgport jdbc
  token=$(curl -fs -u admin-demo:admin-demo-secret -d grant_type=client_credentials "http://localhost:$PORT/oauth2/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  pgport=$(grep -oE 'Embedded PostgreSQL on port [0-9]+' "$data/server.log" | head -1 | awk '{print $5}')
  jdbc="jdbc:postgresql://localhost:$pgport/trialfhir?user=postgres&reWriteBatchedInserts=true"
  for round in $(seq 1 "$ROUNDS"); do
    local line heap_kb rss_kb
    line=$(java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.IngestBenchmark \
      "http://localhost:$PORT/fhir" "$token" "$jdbc" 1 "$N")
    jcmd $server GC.run >/dev/null
    heap_kb=$(jcmd $server GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
    rss_kb=$(grep VmHWM /proc/$server/status | awk '{print $2}')
    echo "${line%\}},\"round\":$round,\"heap_after_gc_mb\":$((heap_kb/1024)),\"peak_rss_mb\":$((rss_kb/1024))}" \
      | tee -a "$OUT/$label.jsonl"
  done
  kill $server; wait $server 2>/dev/null || true
}

run_server_bench validation-enforce
run_server_bench validation-off --trialfhir.validation.mode=off

python3 - "$OUT" <<'PY'
import json, statistics, sys, os
out = sys.argv[1]
def load(label):
    return [json.loads(l) for l in open(os.path.join(out, label + ".jsonl"))]
on, off = load("validation-enforce"), load("validation-off")
med = lambda rows, k: statistics.median(r[k] for r in rows)
print()
print("| measure (median of %d rounds × %d Observations) | validation enforce | validation off |" % (len(on), on[0]["observations"]))
print("|---|---|---|")
for k, label in [("bundle100_per_s", "100-entry transaction bundles, Observations/s"),
                 ("single_post_4_clients_per_s", "single POSTs, 4 clients, Observations/s"),
                 ("raw_jdbc_batch100_per_s", "raw JDBC batch insert (100/batch) of the same JSON, rows/s"),
                 ("bundle_vs_jdbc", "bundles ÷ raw JDBC"), ("single_vs_jdbc", "single POSTs ÷ raw JDBC")]:
    print("| %s | %.4g | %.4g |" % (label, med(on, k), med(off, k)))
print("| heap after full GC, rounds 1..%d (MB) | %s | %s |" % (len(on), ", ".join(str(r["heap_after_gc_mb"]) for r in on),
      ", ".join(str(r["heap_after_gc_mb"]) for r in off)))
print("| peak RSS (MB) | %d | %d |" % (max(r["peak_rss_mb"] for r in on), max(r["peak_rss_mb"] for r in off)))
print()
print("validation on ÷ off: bundles %.2f, single POSTs %.2f" % (
    med(on, "bundle100_per_s") / med(off, "bundle100_per_s"),
    med(on, "single_post_4_clients_per_s") / med(off, "single_post_4_clients_per_s")))
PY
