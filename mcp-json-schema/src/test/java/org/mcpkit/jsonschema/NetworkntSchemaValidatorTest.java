package org.mcpkit.jsonschema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.schema.CompiledSchema;
import org.mcpkit.server.schema.SchemaProblem;

/** The networknt provider on its own: problems with pointers, refused loads, formats, bounds. */
class NetworkntSchemaValidatorTest {
  private static final ObjectMapper M = new ObjectMapper();
  private final NetworkntSchemaValidator validator = new NetworkntSchemaValidator();

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    try {
      return M.readValue(text, Map.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final String PAYMENT =
      "{\"type\":\"object\",\"properties\":{\"method\":{\"enum\":[\"card\",\"cash\"]},"
          + "\"card\":{\"type\":\"string\",\"pattern\":\"^[0-9]{16}$\"},\"age\":{\"type\":\"integer\",\"minimum\":18}},"
          + "\"required\":[\"method\"],\"additionalProperties\":false,"
          + "\"if\":{\"properties\":{\"method\":{\"const\":\"card\"}}},\"then\":{\"required\":[\"card\"]},"
          + "\"dependentRequired\":{\"age\":[\"method\"]}}";

  @Test
  void reportsEveryProblemWithItsPointer() {
    CompiledSchema schema = validator.compile(json(PAYMENT));
    assertEquals(List.of(), schema.validate(json("{\"method\":\"card\",\"card\":\"1234567812345678\"}")));
    assertEquals(List.of(), schema.validate(json("{\"method\":\"cash\"}")));
    assertEquals(
        List.of(new SchemaProblem("", "value: required property 'card' not found")),
        schema.validate(json("{\"method\":\"card\"}")));
    assertEquals(
        List.of(
            new SchemaProblem("/card", "argument '/card': does not match the regex pattern ^[0-9]{16}$"),
            new SchemaProblem("/age", "argument '/age': must have a minimum value of 18"),
            new SchemaProblem(
                "",
                "value: property 'x\u2028?' is not defined in the schema and the schema does not allow additional properties")),
        schema.validate(json("{\"method\":\"cash\",\"card\":\"12\",\"age\":3,\"x\u2028\\u0007\":1}")));
    assertEquals(
        List.of(new SchemaProblem("", "value: null found, object expected")), schema.validate(null));
  }

  @Test
  void refusesEveryLoadFromTheNetworkAndNeverConnects() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger hits = new AtomicInteger();
    server.createContext("/", exchange -> {
      hits.incrementAndGet();
      byte[] body = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/name.json";
      IllegalArgumentException ref = assertThrows(IllegalArgumentException.class,
          () -> validator.compile(json("{\"properties\":{\"name\":{\"$ref\":\"" + url + "\"}}}")));
      assertEquals("invalid input schema: Schema from '" + url + "' is not allowed to be loaded.", ref.getMessage());
      IllegalArgumentException dialect = assertThrows(IllegalArgumentException.class,
          () -> validator.compile(json("{\"$schema\":\"" + url + "\"}")));
      assertEquals("unsupported $schema '" + url + "' (supported: JSON Schema drafts 4, 6, 7, 2019-09 and 2020-12,"
          + " and known schemas)", dialect.getMessage());
      IllegalArgumentException file = assertThrows(IllegalArgumentException.class,
          () -> validator.compile(json("{\"$ref\":\"file:///etc/passwd\"}")));
      assertEquals("invalid input schema: Schema from 'file:///etc/passwd' is not allowed to be loaded.", file.getMessage());
      IllegalArgumentException classpath = assertThrows(IllegalArgumentException.class,
          () -> validator.compile(json("{\"$ref\":\"classpath:json-schema-test-suite/LICENSE\"}")));
      assertEquals("invalid input schema: Schema from 'classpath:json-schema-test-suite/LICENSE' is not allowed"
          + " to be loaded.", classpath.getMessage());
      assertEquals(0, hits.get());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void knownSchemasResolveFromMemory() {
    NetworkntSchemaValidator withKnown = NetworkntSchemaValidator.builder()
        .knownSchema("https://schemas.example.com/city.json", json("{\"type\":\"string\",\"minLength\":2}"))
        .build();
    CompiledSchema schema = withKnown.compile(
        json("{\"properties\":{\"city\":{\"$ref\":\"https://schemas.example.com/city.json\"}}}"));
    assertEquals(List.of(), schema.validate(json("{\"city\":\"Oslo\"}")));
    assertEquals(
        List.of(new SchemaProblem("/city", "argument '/city': must be at least 2 characters long")),
        schema.validate(json("{\"city\":\"O\"}")));
    assertEquals("a known schema needs an absolute URI without a fragment: city.json#x",
        assertThrows(IllegalArgumentException.class,
            () -> NetworkntSchemaValidator.builder().knownSchema("city.json#x", Map.of())).getMessage());
  }

  @Test
  void invalidSchemasFailCompilationWithTheReason() {
    assertEquals("invalid input schema: invalid pattern '(['",
        assertThrows(IllegalArgumentException.class,
            () -> validator.compile(json("{\"properties\":{\"a\":{\"pattern\":\"([\"}}}"))).getMessage());
    assertEquals("invalid input schema: Reference /$defs/missing cannot be resolved",
        assertThrows(IllegalArgumentException.class,
            () -> validator.compile(json("{\"properties\":{\"a\":{\"$ref\":\"#/$defs/missing\"}}}"))).getMessage());
  }

  @Test
  void formatIsAnAnnotationUnlessAsserted() {
    Map<String, Object> schema = json("{\"properties\":{\"email\":{\"type\":\"string\",\"format\":\"email\"}}}");
    Map<String, Object> bad = json("{\"email\":\"not an address\"}");
    assertEquals(List.of(), validator.compile(schema).validate(bad));
    CompiledSchema asserting = NetworkntSchemaValidator.builder().assertFormats(true).build().compile(schema);
    assertEquals(
        List.of(new SchemaProblem("/email",
            "argument '/email': does not match the email pattern must be a valid RFC 5321 Mailbox")),
        asserting.validate(bad));
    assertEquals(List.of(), asserting.validate(json("{\"email\":\"ada@example.com\"}")));
  }

  @Test
  void checksAreBounded() {
    CompiledSchema steps = NetworkntSchemaValidator.builder().maxEvaluationSteps(50).build()
        .compile(json("{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}"));
    assertEquals(List.of(new SchemaProblem("", "value is too complex to check against the input schema")),
        steps.validate(java.util.Collections.nCopies(1_000, 1)));
    // a backtracking pattern against a client string: stopped by the read budget, not hung
    CompiledSchema pattern = validator.compile(json("{\"properties\":{\"s\":{\"pattern\":\"(.*a){20}\"}}}"));
    assertEquals(List.of(new SchemaProblem("", "value is too complex to check against pattern '(.*a){20}'")),
        pattern.validate(Map.of("s", "a".repeat(19) + "b".repeat(100))));
    assertEquals(List.of(new SchemaProblem("", "value is too complex to check against pattern '(.*a){20}'")),
        pattern.validate(Map.of("s", "a".repeat(10_001))));
  }
}
