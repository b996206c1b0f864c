#!/usr/bin/env bash
# $derive-scores benchmark: SUBJECTS x DAYS simulated trial, ROUNDS rounds of "one SQL scan" vs "derive every score".
# The simulated bundles and the PostgreSQL data stay in DATA between runs (the first run loads, which takes long).
set -euo pipefail
cd "$(dirname "$0")/../.."
SUBJECTS=${SUBJECTS:-1000}
DAYS=${DAYS:-10}
ROUNDS=${ROUNDS:-3}
DATA=${DATA:-/tmp/trialfhir-bench-derive}
HEAP=${HEAP:-2g}

./mvnw -q -o compile 2>/dev/null || ./mvnw -q compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=bench/derive/target/classpath.txt >/dev/null
CP="target/classes:$(cat bench/derive/target/classpath.txt)"
mkdir -p bench/derive/target/classes bench/results "$DATA"
# StudyComputation is compiled into the server's package org.trialfhir.derive (same class loader at run time)
javac -d bench/derive/target/classes -cp "$CP" $(find bench/derive/src -name '*.java')
OUT=bench/results/derive-$(date -u +%Y%m%dT%H%M%SZ).jsonl
java -Xmx"$HEAP" ${JAVA_OPTS:-} -cp "bench/derive/target/classes:$CP" org.trialfhir.bench.derive.DeriveBenchmark \
  "$DATA" "$SUBJECTS" "$DAYS" "$ROUNDS" ${EXTRA_ARGS:-} | grep '^{' | tee "$OUT"

python3 - "$OUT" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if '"round"' in l]
if not rows: sys.exit(0)
med = lambda k: statistics.median(r[k] for r in rows)
r = rows[0]
print()
print("| $derive-scores, %d subjects x %d days (median of %d rounds) | value |" % (r["subjects"], r["days"], len(rows)))
print("|---|---|")
print("| input rows (Observation, Procedure, MedicationAdministration) | %d (%.0f MB JSON) |" % (r["rows"], r["json_mb"]))
print("| one SQL scan streaming their JSON, s | %.2f |" % med("scan_s"))
print("| computeStudy: load + map + score, no writes, s (%d scores) | %.2f |" % (r["scores"], med("derive_s")))
print("| of which loading (3 reads, the inputs query, the derived-score search per subject), s | %.2f |" % med("loading_s"))
print("| of which mapping and scoring, s | %.2f |" % med("scoring_s"))
print("| the same scan, parsing each row with HAPI's JSON parser, s | %.2f |" % med("scan_hapi_parse_s"))
print("| the same scan, parsing each row into a Jackson tree, s | %.2f |" % med("scan_jackson_tree_s"))
print("| derive / scan | %.2f |" % med("derive_vs_scan"))
print("| derive / (scan + HAPI parse) | %.2f |" % med("derive_vs_scan_hapi_parse"))
PY
