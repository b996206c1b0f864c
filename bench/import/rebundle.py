#!/usr/bin/env python3
"""Splits the simulator's subject bundles (one entry per line) into transaction bundles of SIZE entries.

usage: rebundle.py SIZE OUT_DIR BUNDLE...   (the set-up bundle is left to the caller: it is loaded first, whole)
"""
import json
import os
import sys

size, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
entries, written = [], 0


def flush():
    global entries, written
    if entries:
        with open(os.path.join(out, "b%05d.json" % written), "w") as f:
            json.dump({"resourceType": "Bundle", "type": "transaction", "entry": entries}, f)
        written += 1
        entries = []


for path in sys.argv[3:]:
    with open(path) as f:
        for entry in json.load(f)["entry"]:
            entries.append(entry)
            if len(entries) == size:
                flush()
flush()
print(written)
