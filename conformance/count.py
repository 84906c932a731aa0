"""Counts the checks of a conformance -o directory and gates CI on them.

Usage: python3 count.py DIR [--baseline FILE] [--require SCENARIO ...]

Prints SUCCESS/FAILURE totals, scored and not scored (the suite's own split), then fails (exit 1)
when any scenario that is not matched by the baseline has a FAILURE, SKIPPED or unknown-status
check, when DIR holds no checks at all, or when a --require'd scenario did not run. Scored and
not-scored scenarios are gated alike: the suite's exit code only covers the scored ones.

The baseline (default: baseline.txt next to this script) holds one fnmatch pattern per line,
matched against the scenario name without the "server-" prefix and the run timestamp, followed by
the reason; each entry's reason is also given in docs/conformance.md.
"""
import argparse
import fnmatch
import glob
import json
import os
import re
import sys

# The suite does not score these; they are reported apart so the totals match the suite's.
NOT_SCORED = ("tasks-", "json-schema-2020-12", "http-header-validation",
              "http-custom-header-server-validation", "server-sse-polling",
              "server-session-lifecycle", "sep-2640")
# Statuses that never fail a scenario. SKIPPED does: a required scenario that stopped running is a
# regression too.
HARMLESS = {"SUCCESS", "INFO", "WARNING"}
TIMESTAMP = re.compile(r"-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$")


def scenario_name(directory):
    name = os.path.basename(directory)
    if name.startswith("server-"):
        name = name[len("server-"):]
    return TIMESTAMP.sub("", name)


def read_baseline(path):
    patterns = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            pattern, _, reason = line.partition(" ")
            if not reason.strip():
                sys.exit(f"{path}:{number}: baseline entry '{pattern}' has no reason")
            patterns.append(pattern)
    return patterns


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--baseline",
                        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "baseline.txt"))
    parser.add_argument("--require", action="append", default=[], metavar="SCENARIO")
    args = parser.parse_args(argv)

    baseline = read_baseline(args.baseline)
    totals = {"scored": [0, 0], "not scored": [0, 0]}
    problems = []
    excused = []
    seen = set()
    for path in sorted(glob.glob(os.path.join(args.dir, "*", "checks.json"))):
        scenario = scenario_name(os.path.dirname(path))
        seen.add(scenario)
        kind = "not scored" if scenario.startswith(NOT_SCORED) else "scored"
        with open(path, encoding="utf-8") as f:
            checks = json.load(f)
        bad = []
        for check in checks:
            status = check.get("status")
            if status == "SUCCESS":
                totals[kind][0] += 1
            elif status == "FAILURE":
                totals[kind][1] += 1
            if status not in HARMLESS:
                bad.append(f"{check.get('id', '?')}={status}")
        if not checks:
            bad.append("no checks")
        if bad:
            entry = f"{scenario}: {', '.join(bad)}"
            if any(fnmatch.fnmatchcase(scenario, p) for p in baseline):
                excused.append(entry)
            else:
                problems.append(entry)
    for kind, (ok, failed) in totals.items():
        print(f"  {kind}: {ok} passed, {failed} failed")
    if not seen:
        problems.append(f"no checks.json under {args.dir}")
    for required in args.require:
        if required not in seen:
            problems.append(f"{required}: required scenario did not run")
    if excused:
        print(f"  baselined ({len(excused)} scenarios, see docs/conformance.md):")
        for entry in excused:
            print(f"    {entry}")
    if problems:
        print(f"  NOT BASELINED ({len(problems)}):")
        for entry in problems:
            print(f"    {entry}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
