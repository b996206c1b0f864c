# Where a trial write's time goes, by the write pipeline's own step timers (trialfhir_write_step_seconds on
# /actuator/prometheus): writes N single keyed POSTs of one enrolled subject's Observations (one client), then N/100
# transaction bundles of 100, and prints per step the writes it timed and its mean time per write, for each load.
# usage: steps.py fhirBase metricsUrl token N
import json, re, sys, time, urllib.request
base, metrics_url, token, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
HEADERS = {"Content-Type": "application/fhir+json", "Authorization": "Bearer " + token, "Prefer": "return=minimal"}
LINE = re.compile(r'^trialfhir_write_step_seconds_(count|sum)\{[^}]*step="([a-z-]+)"[^}]*\} (\S+)$', re.M)

def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers=HEADERS)
    with urllib.request.urlopen(req) as r:
        assert r.status in (200, 201), r.status
        return r.headers.get("Location")

def create(res):
    loc = post(base + "/" + res["resourceType"], res)
    return loc[loc.index(res["resourceType"] + "/"):].split("/_history")[0]

def steps():
    req = urllib.request.Request(metrics_url, headers={"Authorization": "Bearer " + token})
    text = urllib.request.urlopen(req).read().decode()
    out = {}
    for kind, step, value in LINE.findall(text):
        out.setdefault(step, {"count": 0.0, "sum": 0.0})[kind] = float(value)
    return out

tag = str(time.time_ns())
pat = create({"resourceType": "Patient", "identifier": [{"system": "http://bench.example/mrn", "value": "p" + tag}],
              "birthDate": "1970-01-01"})
st = create({"resourceType": "ResearchStudy", "status": "active", "arm": [{"name": "rTM"}, {"name": "control"}]})
create({"resourceType": "ResearchSubject", "status": "on-study", "study": {"reference": st},
        "individual": {"reference": pat}, "assignedArm": "rTM", "period": {"start": "2026-01-05T09:00:00Z"}})

def observation(k):
    t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1767603600 + 60 * k))
    return {"resourceType": "Observation", "status": "final",
            "identifier": [{"system": "http://bench.example/obs", "value": tag + "-" + str(k)}],
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                      "code": "vital-signs"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4", "display": "Heart rate"}]},
            "subject": {"reference": pat}, "effectiveDateTime": t,
            "valueQuantity": {"value": 60 + k % 60, "unit": "/min", "system": "http://unitsofmeasure.org", "code": "/min"}}

def table(title, before, after, writes, seconds):
    print(f"\n{title}: {writes} Observations in {seconds:.1f} s")
    print(f"{'step':26} {'timed':>7} {'ms per write':>13}")
    for step, a in after.items():
        b = before.get(step, {"count": 0.0, "sum": 0.0})
        timed = a["count"] - b["count"]
        print(f"{step:26} {timed:7.0f} {1000 * (a['sum'] - b['sum']) / writes:13.3f}")

before = steps(); start = time.time()
for k in range(n):
    post(base + "/Observation", observation(k))
table("single keyed POSTs", before, steps(), n, time.time() - start)

before = steps(); start = time.time()
for b in range(n // 100):
    entries = [{"resource": observation(n + b * 100 + i), "request": {"method": "POST", "url": "Observation"}}
               for i in range(100)]
    post(base, {"resourceType": "Bundle", "type": "transaction", "entry": entries})
table("transaction bundles of 100", before, steps(), 100 * (n // 100), time.time() - start)
