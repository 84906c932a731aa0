"""Tests of the conformance gate (count.py) on hand-made -o directories. Run: python3 conformance/count_test.py"""
import contextlib
import io
import json
import os
import tempfile
import unittest

import count

STAMP = "-2026-12-01T19-09-18-900Z"


class CountGateTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.baseline = os.path.join(self.dir, "baseline.txt")
        with open(self.baseline, "w") as f:
            f.write("# comment\ntasks-* the tasks extension is not implemented yet\n")
        self.out = os.path.join(self.dir, "run")
        os.mkdir(self.out)

    def tearDown(self):
        self.tmp.cleanup()

    def scenario(self, name, *statuses):
        path = os.path.join(self.out, "server-" + name + STAMP)
        os.mkdir(path)
        with open(os.path.join(path, "checks.json"), "w") as f:
            json.dump([{"id": f"{name}-{i}", "status": s} for i, s in enumerate(statuses)], f)

    def gate(self, *extra):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            code = count.main([self.out, "--baseline", self.baseline, *extra])
        return code, printed.getvalue()

    def test_passing_run_with_baselined_tasks_failures_passes(self):
        self.scenario("tools-list", "SUCCESS")
        self.scenario("http-header-validation", "SUCCESS", "SUCCESS")
        self.scenario("tasks-lifecycle", "SUCCESS", "FAILURE")
        self.scenario("tasks-status-notifications", "SKIPPED")
        code, out = self.gate("--require", "http-header-validation")
        self.assertEqual(0, code)
        self.assertIn("  scored: 1 passed, 0 failed\n  not scored: 3 passed, 1 failed\n", out)
        self.assertIn("    tasks-lifecycle: tasks-lifecycle-1=FAILURE\n", out)
        self.assertNotIn("NOT BASELINED", out)

    def test_unscored_failure_outside_the_baseline_fails(self):
        self.scenario("http-custom-header-server-validation", "SUCCESS", "FAILURE")
        code, out = self.gate()
        self.assertEqual(1, code)
        self.assertIn("  NOT BASELINED (1):\n"
                      "    http-custom-header-server-validation: http-custom-header-server-validation-1=FAILURE\n", out)

    def test_skipped_or_unknown_status_fails(self):
        self.scenario("json-schema-2020-12", "SKIPPED")
        self.scenario("tools-list", "ERROR")
        code, out = self.gate()
        self.assertEqual(1, code)
        self.assertIn("json-schema-2020-12: json-schema-2020-12-0=SKIPPED", out)
        self.assertIn("tools-list: tools-list-0=ERROR", out)

    def test_info_and_warning_do_not_fail(self):
        self.scenario("server-sse-polling", "SUCCESS", "INFO", "WARNING")
        self.assertEqual(0, self.gate()[0])

    def test_missing_required_scenario_or_empty_run_fails(self):
        code, out = self.gate("--require", "json-schema-2020-12")
        self.assertEqual(1, code)
        self.assertIn("json-schema-2020-12: required scenario did not run", out)
        self.assertIn("no checks.json under", out)

    def test_baseline_entry_without_reason_is_refused(self):
        with open(self.baseline, "w") as f:
            f.write("tasks-*\n")
        self.scenario("tools-list", "SUCCESS")
        with self.assertRaises(SystemExit) as refused:
            self.gate()
        self.assertIn("baseline entry 'tasks-*' has no reason", str(refused.exception))


if __name__ == "__main__":
    unittest.main()
