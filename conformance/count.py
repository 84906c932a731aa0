"""Counts SUCCESS/FAILURE checks of a conformance -o directory, scored and not scored."""
import glob
import json
import os
import sys

NOT_SCORED = ("tasks-", "json-schema-2020-12", "http-header-validation",
              "http-custom-header-server-validation", "server-sse-polling",
              "server-session-lifecycle", "sep-2640")

totals = {"scored": [0, 0], "not scored": [0, 0]}
for path in glob.glob(os.path.join(sys.argv[1], "*", "checks.json")):
    scenario = os.path.basename(os.path.dirname(path))[len("server-"):]
    kind = "not scored" if scenario.startswith(NOT_SCORED) else "scored"
    for check in json.load(open(path)):
        if check["status"] == "SUCCESS":
            totals[kind][0] += 1
        elif check["status"] == "FAILURE":
            totals[kind][1] += 1
for kind, (ok, bad) in totals.items():
    print(f"  {kind}: {ok} passed, {bad} failed")
