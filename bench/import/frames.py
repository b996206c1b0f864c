# Where the import threads' CPU samples go: reads `jfr print --events jdk.ExecutionSample --stack-depth 1024` output
# and prints, for the samples of the import's threads (trialfhir-import*), the inclusive share of each part of a
# chunk's write (a sample counts for every part its stack passes through), then the methods that took the most
# samples themselves (top frame).   usage: frames.py <samples.txt>
import collections, re, sys

samples, thread, frames = [], None, []
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        thread, frames = None, []
    elif line.startswith("sampledThread"):
        thread = re.search(r'"([^"]*)"', line).group(1)
    elif line.startswith("stackTrace"):
        pass
    elif re.search(r"\) line: \d+$", line):
        frames.append(line.split("(")[0])
    elif line == "}" and thread is not None:
        samples.append((thread, frames))
        thread = None
threads = collections.Counter(re.sub(r"-?\d+$", "", t) for t, _ in samples)
print("CPU samples:", len(samples), "by thread:", ", ".join("%s %d" % kv for kv in threads.most_common(6)))
mine = [f for t, f in samples if t.startswith("trialfhir-import")]
n = max(len(mine), 1)
parts = [
    ("parse the line (ChunkLoader.entryOf)", "org.trialfhir.bulkimport.ChunkLoader.entryOf"),
    ("  of which the JSON scan (JsonBodyScan)", "org.trialfhir.server.JsonBodyScan"),
    ("keys looked up (KeyedTransactions, our part)", "org.trialfhir.ingest.push.KeyedTransactions"),
    ("HAPI's transaction processor, all (BaseTransactionProcessor)", "BaseTransactionProcessor"),
    ("  write pipeline, before store (WritePipeline...beforeStore)", "beforeStore"),
    ("    validation (WriteValidationStep/TrialValidator)", "org.trialfhir.profiles."),
    ("      of which HAPI's validator (FhirValidator)", "ca.uhn.fhir.validation.FhirValidator"),
    ("      of which the fast path (ObservationFastPath)", "org.trialfhir.profiles.ObservationFastPath"),
    ("    study-day stamp (org.trialfhir.studyday)", "org.trialfhir.studyday."),
    ("  write pipeline, after store (WritePipeline...afterStore)", "afterStore"),
    ("    re-derivation queue (org.trialfhir.derive)", "org.trialfhir.derive."),
    ("    audit receipt (org.trialfhir.audit)", "org.trialfhir.audit."),
    ("  HAPI's indexing (SearchParamExtractorService)", "SearchParamExtractorService"),
    ("  HAPI's encoding for storage (encodeResource / ResourceHistoryCalculator)", "encodeResource|ResourceHistoryCalculator"),
    ("  HAPI's resolving of references / placeholders", "resolveReferencesThenSaveAndIndexResource|IdHelperService|DaoResourceLinkResolver"),
    ("  Hibernate flush", "AbstractFlushingEventListener"),
    ("  HAPI's pre-fetch of the entries (TransactionProcessor.preFetch)", "preFetch"),
    ("transaction commit (doCommit)", "doCommit"),
    ("PostgreSQL JDBC driver (client side)", "org.postgresql."),
    ("chunk done mark and report (ChunkCommit, ImportJobStore, ChunkReport)", "org.trialfhir.bulkimport.ChunkCommit|org.trialfhir.bulkimport.ImportJobStore|org.trialfhir.bulkimport.ChunkReport"),
    ("logging (logback)", "ch.qos.logback"),
]
print("import-thread samples: %d; inclusive share of each part:" % len(mine))
for name, pattern in parts:
    rx = re.compile(pattern)
    c = sum(1 for f in mine if any(rx.search(m) for m in f))
    print("  %5d %5.1f%%  %s" % (c, 100 * c / n, name))
inc = collections.Counter()
for f in mine:
    for m in set(m for m in f if m.startswith("org.trialfhir")):
        inc[m] += 1
print("org.trialfhir methods, inclusive:")
for m, c in inc.most_common(25):
    print("  %5d %5.1f%%  %s" % (c, 100 * c / n, m))
top = collections.Counter(f[0] for f in mine if f)
print("methods taking samples themselves (top frame):")
for m, c in top.most_common(20):
    print("  %5d %5.1f%%  %s" % (c, 100 * c / n, m))
