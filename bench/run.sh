#!/usr/bin/env bash
# TrialFHIR benchmarks, one command: builds the server and the load client, starts the server with -Xmx1g on a fresh
# embedded PostgreSQL, runs the ingest benchmark ROUNDS times against raw JDBC into the same PostgreSQL, records the
# server's peak RSS and its heap after a full GC after every round (leak check), stops the server.
# Results: bench/results/ingest-<timestamp>.jsonl; a Markdown summary is printed for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
N=${N:-2000}
PORT=${PORT:-18080}
EXTRA_ARGS=${EXTRA_ARGS:-}

[ -f target/trialfhir.jar ] || mvn -q -DskipTests package
mvn -q -f bench/pom.xml -DskipTests package

DATA=$(mktemp -d /tmp/trialfhir-bench.XXXXXX)
mkdir -p bench/results
OUT=bench/results/ingest-$(date -u +%Y%m%dT%H%M%SZ).jsonl

java -Xmx1g -jar target/trialfhir.jar --server.port="$PORT" --trialfhir.embedded-postgres.data-dir="$DATA/pg" \
  --trialfhir.security.issuer="http://localhost:$PORT" --logging.structured.format.console= $EXTRA_ARGS \
  > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { echo "server died, see $DATA/server.log"; exit 1; }
  sleep 1
done

TOKEN=$(curl -fs -u admin-demo:admin-demo-secret -d grant_type=client_credentials "http://localhost:$PORT/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
PGPORT=$(grep -oE 'Embedded PostgreSQL on port [0-9]+' "$DATA/server.log" | head -1 | awk '{print $5}')
JDBC="jdbc:postgresql://localhost:$PGPORT/trialfhir?user=postgres&reWriteBatchedInserts=true"

for round in $(seq 1 "$ROUNDS"); do
  line=$(java -cp "bench/target/trialfhir-bench.jar:bench/target/lib/*" org.trialfhir.bench.IngestBenchmark \
    "http://localhost:$PORT/fhir" "$TOKEN" "$JDBC" 1 "$N")
  jcmd $SERVER GC.run >/dev/null
  heap_kb=$(jcmd $SERVER GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
  rss_kb=$(grep VmHWM /proc/$SERVER/status | awk '{print $2}')
  echo "${line%\}},\"round\":$round,\"heap_after_gc_mb\":$((heap_kb/1024)),\"peak_rss_mb\":$((rss_kb/1024))}" | tee -a "$OUT"
done

python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
med = lambda k: statistics.median(r[k] for r in rows)
print()
print("| measure (median of %d rounds, %d Observations each) | value |" % (len(rows), rows[0]["observations"]))
print("|---|---|")
for k, label in [("bundle100_per_s", "100-entry transaction bundles, Observations/s"),
                 ("single_post_4_clients_per_s", "single POSTs, 4 clients, Observations/s"),
                 ("raw_jdbc_batch100_per_s", "raw JDBC batch insert (100/batch) of the same JSON, rows/s"),
                 ("bundle_vs_jdbc", "bundles ÷ raw JDBC"), ("single_vs_jdbc", "single POSTs ÷ raw JDBC")]:
    print("| %s | %.4g |" % (label, med(k)))
print("| server heap after full GC, rounds 1..%d (MB) | %s |" % (len(rows), ", ".join(str(r["heap_after_gc_mb"]) for r in rows)))
print("| server peak RSS (MB) | %d |" % max(r["peak_rss_mb"] for r in rows))
PY
