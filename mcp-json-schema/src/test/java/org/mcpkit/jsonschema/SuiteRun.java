package org.mcpkit.jsonschema;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.mcpkit.server.schema.CompiledSchema;
import org.mcpkit.server.schema.SchemaValidatorProvider;

/**
 * Runs the required draft 2020-12 tests of the JSON Schema Test Suite (vendored under {@code
 * src/test/resources/json-schema-test-suite}, see its SOURCE.md) against a provider. A case passes
 * when the schema compiles and the validity matches; a schema the provider refuses fails all its
 * cases (and is counted as refused).
 */
final class SuiteRun {
  static final String ROOT = "json-schema-test-suite";
  static final String REMOTE_BASE = "http://localhost:1234/draft2020-12/";
  private static final ObjectMapper JSON = new ObjectMapper();

  int cases;
  int passed;
  int refusedCases;
  final Map<String, int[]> byFile = new LinkedHashMap<>();
  final List<String> failures = new ArrayList<>();

  /** The suite directory, failing the test with a clear message when it is missing. */
  static Path root() {
    URL url = SuiteRun.class.getClassLoader().getResource(ROOT + "/tests/draft2020-12");
    if (url == null) {
      fail("The JSON Schema Test Suite is missing: expected src/test/resources/" + ROOT
          + "/tests/draft2020-12 in mcp-json-schema (see " + ROOT + "/SOURCE.md for where it comes from)");
    }
    try {
      return Path.of(url.toURI()).getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The documents under remotes/draft2020-12, by the URI the tests use for them. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> remotes() throws IOException {
    Path dir = root().resolve("remotes/draft2020-12");
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        out.put(REMOTE_BASE + rel, JSON.readValue(f.toFile(), Map.class));
      }
    }
    return out;
  }

  /** Runs every required case against the provider. */
  static SuiteRun of(SchemaValidatorProvider provider) throws IOException {
    return of(schema -> provider.compile(schema));
  }

  @SuppressWarnings("unchecked")
  static SuiteRun of(Function<Map<String, Object>, CompiledSchema> compiler) throws IOException {
    SuiteRun run = new SuiteRun();
    Path tests = root().resolve("tests/draft2020-12");
    List<Path> files;
    try (Stream<Path> list = Files.list(tests)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      fail("The JSON Schema Test Suite under " + tests + " has no test files");
    }
    for (Path file : files) {
      int[] counts = new int[2];
      run.byFile.put(file.getFileName().toString(), counts);
      for (JsonNode group : JSON.readTree(file.toFile())) {
        JsonNode schemaNode = group.get("schema");
        // a boolean schema is wrapped in allOf: the SPI takes an object schema (as a tool's is)
        Map<String, Object> schema =
            schemaNode.isBoolean()
                ? Map.of("allOf", List.of(schemaNode.booleanValue()))
                : JSON.convertValue(schemaNode, Map.class);
        CompiledSchema compiled;
        try {
          compiled = compiler.apply(schema);
        } catch (IllegalArgumentException e) {
          compiled = null;
        }
        for (JsonNode test : group.get("tests")) {
          run.cases++;
          counts[0]++;
          boolean ok;
          if (compiled == null) {
            run.refusedCases++;
            ok = false;
          } else {
            Object data = JSON.convertValue(test.get("data"), Object.class);
            boolean valid;
            try {
              valid = compiled.validate(data).isEmpty();
            } catch (RuntimeException e) {
              valid = !test.get("valid").booleanValue(); // an exception is a failed case
            }
            ok = valid == test.get("valid").booleanValue();
          }
          if (ok) {
            run.passed++;
            counts[1]++;
          } else {
            run.failures.add(file.getFileName() + ": " + group.get("description").asText() + " / "
                + test.get("description").asText());
          }
        }
      }
    }
    return run;
  }

  String summary(String name) {
    StringBuilder s = new StringBuilder(name + ": " + passed + "/" + cases + " passed, " + refusedCases
        + " cases in refused schemas\n");
    byFile.forEach((f, c) -> s.append("  ").append(f).append(' ').append(c[1]).append('/').append(c[0]).append('\n'));
    return s.toString();
  }
}
