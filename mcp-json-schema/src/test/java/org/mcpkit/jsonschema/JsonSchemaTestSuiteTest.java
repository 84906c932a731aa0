package org.mcpkit.jsonschema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.schema.SchemaValidatorProvider;
import org.mcpkit.server.schema.UncheckedKeywords;

/**
 * Pass counts of both validators on the 1,299 cases of the required draft 2020-12 tests of the
 * JSON Schema Test Suite (vendored; see {@code json-schema-test-suite/SOURCE.md}). The README
 * quotes these numbers. Exact: a regression fails, and so does an improvement until the numbers
 * here and in the README are raised.
 */
class JsonSchemaTestSuiteTest {
  static final int CASES = 1299;

  @Test
  void networkntPassesEveryCase() throws IOException {
    NetworkntSchemaValidator.Builder b = NetworkntSchemaValidator.builder();
    SuiteRun.remotes().forEach(b::knownSchema); // the suite's "remote" documents, from memory
    SuiteRun run = SuiteRun.of(b.build());
    assertEquals(CASES, run.cases);
    assertEquals(0, run.refusedCases, () -> run.summary("networknt") + run.failures);
    assertEquals(1299, run.passed, () -> run.summary("networknt") + run.failures);
  }

  @Test
  void builtInAcceptingUncheckedKeywordsPasses1064() throws IOException {
    SuiteRun run = SuiteRun.of(SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT));
    assertEquals(CASES, run.cases);
    assertEquals(0, run.refusedCases, () -> run.summary("built-in ACCEPT"));
    assertEquals(1064, run.passed, () -> run.summary("built-in ACCEPT"));
  }

  @Test
  void builtInByDefaultRefusesWhatItCannotCheckAndIsRightOnEverySchemaItAccepts() throws IOException {
    SuiteRun run = SuiteRun.of(SchemaValidatorProvider.builtIn());
    assertEquals(CASES, run.cases);
    assertEquals(574, run.refusedCases, () -> run.summary("built-in REJECT"));
    assertEquals(725, run.passed, () -> run.summary("built-in REJECT"));
    // every case whose schema it accepted was answered right
    assertEquals(run.cases - run.refusedCases, run.passed, () -> run.failures.toString());
  }
}
