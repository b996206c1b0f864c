#!/usr/bin/env python3
"""The Markdown table of a bench/run.sh results directory: medians over the rounds of each server, heap after GC per
round, peak RSS, the ratios TrialFHIR ÷ each peer, and where the single POSTs' server CPU went by group of threads.
With LAST=k (environment), the ratios and the threads again over the last k rounds only: the rounds after the JIT
compiler has settled. Usage: bench/summarize.py <results dir> [JVM flags]"""
import json, statistics, sys, os
out, flags = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "see the run"
order = ("validation-enforce", "validation-off", "peer-plain", "peer-starter")
labels = [l for l in order if os.path.exists(os.path.join(out, l + ".jsonl"))]
runs = {l: [json.loads(x) for x in open(os.path.join(out, l + ".jsonl"))] for l in labels}
med = lambda l, k: statistics.median(r[k] for r in runs[l])
peak = lambda l: max(r["peak_rss_mb"] for r in runs[l])
names = {"validation-enforce": "TrialFHIR, validation enforce", "validation-off": "TrialFHIR, validation off",
         "peer-plain": "peer: plain HAPI JPA 8.8.0", "peer-starter": "peer: HAPI JPA starter 8.8.0, defaults"}
first = runs[labels[0]]
print()
print("JVM flags of every server: `%s`" % flags)
print()
print("| measure (median of %d rounds × %d Observations) | %s |" % (len(first), first[0]["observations"],
      " | ".join(names[l] for l in labels)))
print("|---" * (len(labels) + 1) + "|")
for k, label in [("bundle100_per_s", "100-entry transaction bundles, Observations/s"),
                 ("single_post_4_clients_per_s", "single POSTs, 4 clients, Observations/s"),
                 ("raw_jdbc_batch100_per_s", "raw JDBC batch insert (100/batch) of the same JSON, rows/s"),
                 ("bundle_vs_jdbc", "bundles ÷ raw JDBC"), ("single_vs_jdbc", "single POSTs ÷ raw JDBC"),
                 ("bundle_jvm_cpu_ms", "bundles: server CPU ms per Observation"),
                 ("bundle_pg_cpu_ms", "bundles: PostgreSQL CPU ms per Observation"),
                 ("single_jvm_cpu_ms", "single POSTs: server CPU ms per Observation"),
                 ("single_pg_cpu_ms", "single POSTs: PostgreSQL CPU ms per Observation")]:
    if all(k in runs[l][0] for l in labels):
        print("| %s | %s |" % (label, " | ".join("%.4g" % med(l, k) for l in labels)))
print("| heap after full GC, rounds 1..%d (MB) | %s |" % (len(first), " | ".join(
      ", ".join(str(r["heap_after_gc_mb"]) for r in runs[l]) for l in labels)))
print("| peak RSS (VmHWM, MB) | %s |" % " | ".join(str(peak(l)) for l in labels))
print()
ratio = lambda a, b, k: med(a, k) / med(b, k)
if "validation-off" in runs and "validation-enforce" in runs:
    print("validation on ÷ off: bundles %.2f, single POSTs %.2f" % (
        ratio("validation-enforce", "validation-off", "bundle100_per_s"),
        ratio("validation-enforce", "validation-off", "single_post_4_clients_per_s")))
for ours in [l for l in labels if not l.startswith("peer")]:
    for peer in [l for l in labels if l.startswith("peer")]:
        print("%s ÷ %s: bundles %.2f, single POSTs %.2f, peak RSS %.2f, heap after GC (last round) %.2f" % (
              names[ours], names[peer], ratio(ours, peer, "bundle100_per_s"),
              ratio(ours, peer, "single_post_4_clients_per_s"), peak(ours) / peak(peer),
              runs[ours][-1]["heap_after_gc_mb"] / max(1, runs[peer][-1]["heap_after_gc_mb"])))
        if "bundle_jvm_cpu_ms" in runs[ours][0] and "bundle_jvm_cpu_ms" in runs[peer][0]:
            total = lambda l, load: med(l, load + "_jvm_cpu_ms") + med(l, load + "_pg_cpu_ms")
            print("%s ÷ %s, CPU (server + PostgreSQL) per Observation: bundles %.2f, single POSTs %.2f" % (
                  names[ours], names[peer], total(ours, "bundle") / total(peer, "bundle"),
                  total(ours, "single") / total(peer, "single")))


def by_threads(title):
    """The single POSTs' server CPU per Observation by group of threads, medians over the rounds in runs."""
    groups = {}
    for l in labels:
        for r in runs[l]:
            for g in r.get("single_jvm_cpu_ms_by_threads", {}):
                groups[g] = groups.get(g, 0) + 1
    if not groups:
        return
    print()
    print("| single POSTs: server CPU ms per Observation by threads, %s | %s |" % (title, " | ".join(names[l] for l in labels)))
    print("|---" * (len(labels) + 1) + "|")
    for g in sorted(groups, key=lambda g: -max(statistics.median(r.get("single_jvm_cpu_ms_by_threads", {}).get(g, 0)
                                                                   for r in runs[l]) for l in labels)):
        values = [statistics.median(r.get("single_jvm_cpu_ms_by_threads", {}).get(g, 0) for r in runs[l]) for l in labels]
        if max(values) >= 0.1:
            print("| `%s` | %s |" % (g, " | ".join("%.2f" % v for v in values)))


by_threads("medians of all rounds")
last = int(os.environ.get("LAST", "0"))
if 0 < last < len(first):
    runs = {l: runs[l][-last:] for l in labels}
    print()
    print("The last %d rounds only:" % last)
    for ours in [l for l in labels if not l.startswith("peer")]:
        for peer in [l for l in labels if l.startswith("peer")]:
            total = lambda l, load: med(l, load + "_jvm_cpu_ms") + med(l, load + "_pg_cpu_ms")
            print("%s ÷ %s: bundles %.2f, single POSTs %.2f; CPU (server + PostgreSQL) per Observation: bundles %.2f, "
                  "single POSTs %.2f" % (names[ours], names[peer], ratio(ours, peer, "bundle100_per_s"),
                  ratio(ours, peer, "single_post_4_clients_per_s"), total(ours, "bundle") / total(peer, "bundle"),
                  total(ours, "single") / total(peer, "single")))
    by_threads("medians of the last %d rounds" % last)
