# Share of the request threads' CPU samples per write step, from the lines JfrSamples.java wrote.
# usage: rank_steps.py <recording without .tsv>
import sys, collections, re
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1] + ".tsv")]
S = [(r[1], r[4].split(";")) for r in rows if r[0] == "jdk.ExecutionSample"]
N = len(S)
def tgroup(t): return "request (http-nio)" if t.startswith("http-nio") else re.sub(r"[-#]?\d+$", "", t)
print("CPU samples (jdk.ExecutionSample, 10 ms/thread):", N)
for k, c in collections.Counter(tgroup(t) for t, _ in S).most_common(6): print("  %5d %5.1f%% %s" % (c, 100*c/N, k))
R = ["\n".join(ms) for t, ms in S if t.startswith("http-nio")]
n = len(R)
cats = [
 ("JSON parse of the request body (HAPI BaseParser.parseResource under RestfulServer)", lambda s: "ca.uhn.fhir.parser.BaseParser.parseResource" in s),
 ("profile validation: org.trialfhir.profiles.WriteValidationInterceptor", lambda s: "org.trialfhir.profiles.WriteValidationInterceptor" in s),
 ("  of which HAPI FhirValidator.validateWithResult", lambda s: "org.trialfhir.profiles.WriteValidationInterceptor" in s and "ca.uhn.fhir.validation.FhirValidator.validateWithResult" in s),
 ("  of which our UnitRule", lambda s: "org.trialfhir.profiles.WriteValidationInterceptor" in s and "org.trialfhir.profiles.UnitRule" in s),
 ("study-day stamp: org.trialfhir.studyday.StudyDayStamping", lambda s: "org.trialfhir.studyday.StudyDayStamping" in s),
 ("study-day T0 lookup: org.trialfhir.studyday.PatientT0 (any caller)", lambda s: "org.trialfhir.studyday.PatientT0" in s),
 ("re-derivation queue: org.trialfhir.derive.InputChangeInterceptor/RederiveQueue", lambda s: "org.trialfhir.derive.InputChangeInterceptor" in s or "org.trialfhir.derive.RederiveQueue" in s),
 ("audit receipt: org.trialfhir.audit.AuditReceipts", lambda s: "org.trialfhir.audit.AuditReceipts" in s),
 ("audit context: org.trialfhir.audit.AuditContextInterceptor", lambda s: "org.trialfhir.audit.AuditContextInterceptor" in s),
 ("keyed push rewrite: org.trialfhir.ingest.push.*", lambda s: "org.trialfhir.ingest.push" in s),
 ("conditional-update match (HAPI MatchResourceUrlService)", lambda s: "MatchResourceUrlService" in s),
 ("security: org.trialfhir.security.*", lambda s: "org.trialfhir.security" in s),
 ("derived-score guard: org.trialfhir.derive.DerivedScoreGuard", lambda s: "org.trialfhir.derive.DerivedScoreGuard" in s),
 ("strict bodies: org.trialfhir.server.StrictRequestBodies", lambda s: "org.trialfhir.server.StrictRequestBodies" in s),
 ("HAPI indexing: SearchParamExtractorService", lambda s: "SearchParamExtractorService" in s),
 ("  of which extractResourceLinks", lambda s: "extractResourceLinks" in s),
 ("HAPI encode for storage (ResourceHistoryCalculator / BaseHapiFhirDao.encodeResource)", lambda s: "ResourceHistoryCalculator" in s or "BaseHapiFhirDao.encodeResource" in s),
 ("Hibernate flush", lambda s: "AbstractFlushingEventListener" in s),
 ("transaction commit (JpaTransactionManager.doCommit)", lambda s: "doCommit" in s),
 ("PostgreSQL JDBC driver (client side CPU)", lambda s: "org.postgresql." in s),
 ("HAPI transaction processor (BaseTransactionProcessor), total", lambda s: "BaseTransactionProcessor" in s),
 ("logging (logback)", lambda s: "ch.qos.logback" in s),
]
print("request-thread CPU samples: %d; inclusive share per step:" % n)
for name, pred in cats:
    c = sum(1 for s in R if pred(s))
    print("  %5d %5.1f%% %s" % (c, 100*c/max(n,1), name))
inc = collections.Counter()
for s in R:
    for m in set(m for m in s.split("\n") if m.startswith("org.trialfhir") and "$$Lambda" not in m): inc[m] += 1
print("request threads, org.trialfhir methods, inclusive:")
for k, c in inc.most_common(25): print("  %5d %5.1f%% %s" % (c, 100*c/n, k))
B = ["\n".join(ms) for t, ms in S if not t.startswith("http-nio")]
inc = collections.Counter()
for s in B:
    for m in set(m for m in s.split("\n") if m.startswith("org.trialfhir") and "$$Lambda" not in m): inc[m] += 1
print("other threads, org.trialfhir methods, inclusive (% of all CPU samples):")
for k, c in inc.most_common(10): print("  %5d %5.1f%% %s" % (c, 100*c/N, k))
# blocking socket reads (>=10 ms in 'profile' settings) on request threads: DB waits
SR = [(int(r[2]), r[4]) for r in rows if r[0] == "jdk.SocketRead" and r[1].startswith("http-nio")]
tot = sum(d for d, _ in SR)
print("request-thread socket reads >= 10 ms (waits on PostgreSQL): %d events, %.1f s total" % (len(SR), tot/1e9))
by = collections.Counter()
for d, s in SR:
    for name, pred in cats:
        if pred(s.replace(";", "\n")): by[name] += d
for k, d in by.most_common(12): print("  %6.1f s %s" % (d/1e9, k))
