#!/usr/bin/env python3
"""Prepares the $analyze benchmark data from a simulated trial (java -jar target/trialfhir.jar simulate ...).

Writes into OUT:
  derived-NNNN.json  transaction bundles of derived-score Observations, shaped as $derive-scores writes them
                     (docs/api.md §5.1): one per subject x score x study day 1..10 while the subject is alive at the
                     start of the day; values are drawn (seeded), not computed: the benchmark times reading and
                     statistics, and the numbers are checked elsewhere against R.
  subset/            (with --subset) the simulator's bundles reduced to what $analyze reads: the setup bundle, the
                     platelet Observations (LOINC 777-3) and the AdverseEvents.

Usage: prepare.py SIM_DIR OUT_DIR [--subset]
"""
import glob
import json
import os
import random
import sys
from datetime import datetime, timedelta

SCORE = "http://trialfhir.org/fhir/CodeSystem/trial-score"
PROFILE = "http://trialfhir.org/fhir/StructureDefinition/"
PER_BUNDLE = 500


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def main(sim, out, subset):
    os.makedirs(out, exist_ok=True)
    setup = json.load(open(os.path.join(sim, "00-setup.json")))
    deaths, subjects = {}, []
    for entry in setup["entry"]:
        r = entry["resource"]
        if r["resourceType"] == "Patient" and "deceasedDateTime" in r:
            deaths[r["id"]] = instant(r["deceasedDateTime"])
        if r["resourceType"] == "ResearchSubject":
            subjects.append(r)
    platelets = {}
    if subset:
        os.makedirs(os.path.join(out, "subset"), exist_ok=True)
        json.dump(setup, open(os.path.join(out, "subset", "00-setup.json"), "w"))
    for path in sorted(glob.glob(os.path.join(sim, "sim-p*.json"))):
        bundle = json.load(open(path))
        kept = []
        for entry in bundle["entry"]:
            r = entry["resource"]
            if r["resourceType"] == "Observation" and r["code"]["coding"][0]["code"] == "777-3":
                day = int(r["id"].split("-d")[1][:2]) if "-d" in r["id"] else 0
                platelets.setdefault((r["subject"]["reference"], day), []).append("Observation/" + r["id"])
                kept.append(entry)
            elif r["resourceType"] == "AdverseEvent":
                kept.append(entry)
        if subset:
            bundle["entry"] = kept
            json.dump(bundle, open(os.path.join(out, "subset", os.path.basename(path)), "w"))
    rng = random.Random(20260105)
    entries = []
    for s in subjects:
        patient = s["individual"]["reference"]
        t0 = instant(s["period"]["start"])
        death = deaths.get(patient.split("/")[1])
        rtm = s["assignedArm"] == "rTM"
        z = rng.gauss(0, 1)
        for day in range(1, 11):
            start = t0 + timedelta(days=day - 1)
            if death is not None and death <= start:
                break
            better = 0.55 if rtm else 0.35
            values = {
                "sofa": 12 + 2.5 * z - better * (day - 1) + rng.gauss(0, 1.5),
                "apache-ii": 31 + 6 * z - 1.2 * better * (day - 1) + rng.gauss(0, 3),
                "sirs": 3 + 0.6 * z - 0.12 * (day - 1) + rng.gauss(0, 0.7),
                "jaam-dic": 5 + z - 0.5 * better * (day - 1) + rng.gauss(0, 1),
                "isth-dic": 4 + z - 0.3 * better * (day - 1) + rng.gauss(0, 1),
                "jmhw-dic": 6 + 1.5 * z - 0.5 * better * (day - 1) + rng.gauss(0, 1.5),
            }
            limits = {"sofa": 24, "apache-ii": 71, "sirs": 4, "jaam-dic": 8, "isth-dic": 8, "jmhw-dic": 13}
            for score, value in values.items():
                total = max(0, min(limits[score], round(value)))
                entries.append(derived(s, patient, score, day, total, start, platelets.get((patient, day), [])))
    for n in range(0, len(entries), PER_BUNDLE):
        bundle = {"resourceType": "Bundle", "type": "transaction", "entry": entries[n:n + PER_BUNDLE]}
        json.dump(bundle, open(os.path.join(out, "derived-%04d.json" % (n // PER_BUNDLE)), "w"))
    print("%d subjects, %d derived-score Observations in %d bundles" % (len(subjects), len(entries),
                                                                      (len(entries) + PER_BUNDLE - 1) // PER_BUNDLE))


def derived(subject, patient, score, day, total, start, inputs):
    identifier = "%s-%s-%d" % (subject["id"], score, day)
    first = {"sofa": "sofa-renal", "apache-ii": "apache-ii-aps", "sirs": "sirs-temperature"}.get(score)
    components = [{"code": {"coding": [{"system": SCORE, "code": first}]},
                   "dataAbsentReason": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                                                    "code": "unknown"}]}}]
    if score.endswith("-dic"):
        cut = {"jaam-dic": 4, "isth-dic": 5, "jmhw-dic": 7}[score]
        components = [{"code": {"coding": [{"system": SCORE, "code": score + "-diagnosis"}]}, "valueBoolean": total >= cut},
                      {"code": {"coding": [{"system": SCORE, "code": score + "-max-possible"}]}, "valueInteger": total}]
    resource = {
        "resourceType": "Observation", "id": "bench-" + identifier,
        "meta": {"profile": [PROFILE + "TrialDerivedScore"]},
        "extension": [{"url": PROFILE + "study-day", "valueInteger": day},
                      {"url": PROFILE + "algorithm-version", "valueString": "trialfhir-scores-1.0.0"}],
        "identifier": [{"system": "http://trialfhir.org/fhir/derived-score", "value": identifier}],
        "status": "final",
        "code": {"coding": [{"system": SCORE, "code": score}]},
        "subject": {"reference": patient},
        "effectivePeriod": {"start": start.isoformat(), "end": (start + timedelta(days=1)).isoformat()},
        "valueInteger": total,
        "derivedFrom": [{"reference": ref} for ref in inputs],
        "component": components,
    }
    return {"resource": resource, "request": {"method": "PUT", "url": "Observation/" + resource["id"]}}


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], "--subset" in sys.argv[3:])
