# Observations in 100-entry transaction bundles for one new subject, enrolled in a new study or in none; prints the rate.
# With "single" last, the same bundles*100 Observations go as single keyed POSTs from 4 concurrent clients instead.
# usage: write_load.py fhirBase token enrolled|none bundles [single]
# PATIENT=Patient/<id> FIRST=<k> (environment): continue an earlier run's subject from its k-th Observation instead.
import json, os, sys, time, urllib.request, random
from concurrent.futures import ThreadPoolExecutor
base, token, mode, nb = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
single = len(sys.argv) > 5 and sys.argv[5] == "single"
def post(url, body, expect):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/fhir+json", "Authorization": "Bearer " + token, "Prefer": "return=minimal"})
    with urllib.request.urlopen(req) as r:
        assert r.status == expect, r.status
        return r.headers.get("Location")
def create(res):
    loc = post(base + "/" + res["resourceType"], res, 201)
    i = loc.index(res["resourceType"] + "/")
    return loc[i:].split("/_history")[0]
tag = str(time.time_ns())
first = int(os.environ.get("FIRST", "0"))
pat = os.environ.get("PATIENT") or create({"resourceType": "Patient", "identifier": [{"system": "http://bench.example/mrn", "value": "p" + tag}], "birthDate": "1970-01-01"})
if mode == "enrolled" and not os.environ.get("PATIENT"):
    st = create({"resourceType": "ResearchStudy", "status": "active", "arm": [{"name": "rTM"}, {"name": "control"}]})
    create({"resourceType": "ResearchSubject", "status": "on-study", "study": {"reference": st}, "individual": {"reference": pat},
            "assignedArm": "rTM", "period": {"start": "2026-01-05T09:00:00Z"}})
t0 = 1767603600  # 2026-01-05T09:00Z
def observation(k):
    return {"resourceType": "Observation", "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4", "display": "Heart rate"}]},
            "subject": {"reference": pat},
            "identifier": [{"system": "http://bench.example/obs", "value": tag + "-" + str(k)}],
            "effectiveDateTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t0 + 60 * k)),
            "valueQuantity": {"value": 60 + k % 80, "system": "http://unitsofmeasure.org", "code": "/min", "unit": "/min"}}
start = time.time()
if single:
    with ThreadPoolExecutor(4) as clients:
        list(clients.map(lambda k: post(base + "/Observation", observation(k), 201), range(first, first + nb * 100)))
else:
    for b in range(nb):
        entries = [{"resource": observation(first + b * 100 + i), "request": {"method": "POST", "url": "Observation"}} for i in range(100)]
        post(base, {"resourceType": "Bundle", "type": "transaction", "entry": entries}, 200)
el = time.time() - start
print(json.dumps({"mode": mode + (" single" if single else ""), "observations": nb * 100, "seconds": round(el, 2), "per_s": round(nb * 100 / el, 1), "patient": pat}))
