#!/usr/bin/env bash
# The demo at the pilot's size: seconds from the README's run command (the build included; dependencies already
# downloaded) to /actuator/health UP, i.e. the server started, the trial simulated, imported through $import and
# every score derived; the time of each phase from the server's log; then the same for a second start on the same
# data directory (which imports nothing). Prints the derived scores and Observations stored, and the load average.
#
#   bench/demo/run.sh
#
# Settings (environment): PORT (18095), WORK (/tmp/trialfhir-bench-demo, the demo's PostgreSQL data directory and the
# logs), MVN_FLAGS (-o: offline, the dependencies are already downloaded).
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18095}
WORK=${WORK:-/tmp/trialfhir-bench-demo}
MVN_FLAGS=${MVN_FLAGS:--o}
BASE=http://localhost:$PORT
rm -rf "$WORK" && mkdir -p "$WORK"

# one start: the README's command (a port and data directory of our own), in a process group of its own so that it
# and the server JVM it forks are stopped together
run_once() {
  local name=$1 began pid status
  began=$(date +%s.%N)
  echo "$name: load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
  setsid ./mvnw $MVN_FLAGS spring-boot:run -Dspring-boot.run.profiles=demo \
    -Dspring-boot.run.arguments="--server.port=$PORT --trialfhir.embedded-postgres.data-dir=$WORK/pg" \
    > "$WORK/$name.log" 2>&1 &
  pid=$!
  while :; do
    status=$(curl -s -o "$WORK/$name-health.json" -w '%{http_code}' "$BASE/actuator/health" || true)
    [ "$status" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "$name: the server stopped; see $WORK/$name.log"; exit 1; }
    sleep 1
  done
  python3 -c "print(f'$name: health UP after {$(date +%s.%N) - $began:.0f} s')"
  # CPU seconds used up to UP (utime + stime of the server JVM and of its PostgreSQL's processes): what decides the
  # time on a machine of its own, whatever the others on this one do
  jvm=$(ss -ltnpH "sport = :$PORT" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
  postgres=$(pgrep -f -- "-D $WORK/pg" | tr '\n' ' ' || true)
  python3 - "$jvm" $postgres <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
def cpu(pids, waited=False):
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            # utime, stime; the postmaster's cutime, cstime add its ended backends
            total += sum(int(f) for f in fields[11:15 if waited else 13])
        except (FileNotFoundError, IndexError, ValueError):
            pass
    return total / tick
jvm, pg = sys.argv[1], sys.argv[2:]
children = [p for p in os.listdir("/proc") if p.isdigit() and os.path.exists(f"/proc/{p}/stat")
            and open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1] in pg]
print(f"  CPU to UP: server JVM {cpu([jvm]):.0f} s, PostgreSQL {cpu(pg, True) + cpu(children):.0f} s ({len(pg)} + {len(children)} processes)")
PY
  echo "$name: load average at UP $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E "Started TrialFhirApplication|Demo trial:|Import .* done" "$WORK/$name.log" | sed 's/^/  /' | cut -c1-220
  token=$(curl -sf -u admin-demo:admin-demo-secret -d grant_type=client_credentials "$BASE/oauth2/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  count() { curl -sf -H "Authorization: Bearer $token" "$BASE/fhir/$1&_summary=count" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
  echo "$name: derived scores $(count 'Observation?code=http://trialfhir.org/fhir/CodeSystem/trial-score|'), subjects of sim-study $(count 'ResearchSubject?study=ResearchStudy/sim-study'), Observations $(count 'Observation?_lastUpdated=gt2000-01-01')"
  kill -TERM -- "-$pid"
  wait "$pid" 2>/dev/null || true
}

# a newcomer's checkout has no target/: the first start compiles everything, as it does here
./mvnw $MVN_FLAGS -q clean
run_once first-start
run_once second-start
