package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.Description;
import org.mcpkit.server.McpException;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.RequestContext;
import org.mcpkit.server.annotation.McpArg;
import org.mcpkit.server.annotation.McpTool;

/** {@code @McpTool} methods over the real dispatch: schemas, binding, results, errors, scopes. */
class AnnotatedToolsTest {
  private static final String SERVER_INFO =
      "\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"annotated\",\"version\":\"1\"}}";

  enum Unit {
    C,
    F
  }

  record Place(@Description("City name") String city, Optional<String> country) {}

  record Forecast(String city, int days, Unit unit, Optional<String> note) {}

  /** The annotated object: one tool per return mapping. */
  public static class WeatherTools {
    @McpTool(description = "Forecast for a place", scopes = {"weather:read"})
    public Forecast forecast(
        @McpArg(description = "Where") Place place,
        int days,
        Optional<Unit> unit,
        Integer limit,
        RequestContext ctx) {
      return new Forecast(
          place.city() + place.country().map(c -> ", " + c).orElse(""),
          days,
          unit.orElse(Unit.C),
          limit == null ? Optional.empty() : Optional.of(ctx.method() + " limit " + limit));
    }

    @McpTool(name = "echo", title = "Echo", description = "Echoes text")
    public String say(@McpArg(name = "text", description = "What to say") String t, @McpArg(optional = true) String suffix) {
      return suffix == null ? t : t + suffix;
    }

    @McpTool
    public CallToolResult raw() {
      return CallToolResult.error("as is");
    }

    @McpTool
    public void nothing() {}

    @McpTool
    public String fails() {
      throw new IllegalStateException("secret detail");
    }

    @McpTool
    public String refuses() {
      throw McpException.invalidParams("No such thing");
    }
  }

  private final McpServer server =
      McpServer.builder(Implementation.of("annotated", "1")).annotated(new WeatherTools()).build();
  private final TestClient client = new TestClient(server);

  @AfterEach
  void close() {
    server.close();
  }

  private static void assertJson(String expected, JsonNode actual) {
    assertEquals(TestClient.parse(expected), actual, () -> "actual: " + actual);
  }

  private JsonNode call(String argumentsJson) throws Exception {
    return client.call("tools/call", argumentsJson);
  }

  @Test
  void listsEveryToolWithItsExactSchemas() throws Exception {
    assertJson(
        """
        {"tools":[
          {"name":"echo","title":"Echo","description":"Echoes text","inputSchema":{"type":"object",
            "properties":{"text":{"type":"string","description":"What to say"},"suffix":{"type":"string"}},
            "required":["text"],"additionalProperties":false}},
          {"name":"fails","inputSchema":{"type":"object","properties":{},"additionalProperties":false}},
          {"name":"forecast","description":"Forecast for a place","inputSchema":{"type":"object",
            "properties":{
              "place":{"type":"object","description":"Where","properties":{
                "city":{"type":"string","description":"City name"},"country":{"type":"string"}},
                "required":["city"],"additionalProperties":false},
              "days":{"type":"integer"},
              "unit":{"type":"string","enum":["C","F"]},
              "limit":{"type":"integer"}},
            "required":["place","days"],"additionalProperties":false},
           "outputSchema":{"type":"object","properties":{
              "city":{"type":"string"},"days":{"type":"integer"},"unit":{"type":"string","enum":["C","F"]},
              "note":{"type":"string"}},
            "required":["city","days","unit"],"additionalProperties":false}},
          {"name":"nothing","inputSchema":{"type":"object","properties":{},"additionalProperties":false}},
          {"name":"raw","inputSchema":{"type":"object","properties":{},"additionalProperties":false}},
          {"name":"refuses","inputSchema":{"type":"object","properties":{},"additionalProperties":false}}
        ],"resultType":"complete","ttlMs":60000,"cacheScope":"public",%s}
        """.formatted(SERVER_INFO),
        client.call("tools/list", Map.of()).get("result"));
  }

  @Test
  void aRecordResultIsStructuredContentWithItsJsonAsText() throws Exception {
    assertJson(
        """
        {"jsonrpc":"2.0","id":1,"result":{
          "content":[{"type":"text","text":"{\\"city\\":\\"Oslo, NO\\",\\"days\\":2,\\"unit\\":\\"F\\",\\"note\\":\\"tools/call limit 3\\"}"}],
          "structuredContent":{"city":"Oslo, NO","days":2,"unit":"F","note":"tools/call limit 3"},
          "resultType":"complete",%s}}
        """.formatted(SERVER_INFO),
        call("{\"name\":\"forecast\",\"arguments\":{\"place\":{\"city\":\"Oslo\",\"country\":\"NO\"},\"days\":2,\"unit\":\"F\",\"limit\":3}}"));
  }

  @Test
  void absentOptionalArgumentsAreEmptyOrNull() throws Exception {
    assertJson(
        "{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"city\\\":\\\"Bergen\\\",\\\"days\\\":1,\\\"unit\\\":\\\"C\\\"}\"}],"
            + "\"structuredContent\":{\"city\":\"Bergen\",\"days\":1,\"unit\":\"C\"},\"resultType\":\"complete\"," + SERVER_INFO + "}",
        call("{\"name\":\"forecast\",\"arguments\":{\"place\":{\"city\":\"Bergen\"},\"days\":1,\"limit\":null}}").get("result"));
  }

  @Test
  void aStringResultIsOneTextBlock() throws Exception {
    assertJson(
        "{\"content\":[{\"type\":\"text\",\"text\":\"hi!\"}],\"resultType\":\"complete\"," + SERVER_INFO + "}",
        call("{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\",\"suffix\":\"!\"}}").get("result"));
    assertJson(
        "{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"resultType\":\"complete\"," + SERVER_INFO + "}",
        call("{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}").get("result"));
  }

  @Test
  void aCallToolResultIsSentAsIsAndVoidIsEmpty() throws Exception {
    assertJson(
        "{\"content\":[{\"type\":\"text\",\"text\":\"as is\"}],\"isError\":true,\"resultType\":\"complete\"," + SERVER_INFO + "}",
        call("{\"name\":\"raw\"}").get("result"));
    assertJson(
        "{\"content\":[],\"resultType\":\"complete\"," + SERVER_INFO + "}",
        call("{\"name\":\"nothing\",\"arguments\":{}}").get("result"));
  }

  @Test
  void invalidArgumentsNameEveryProblemAndTheMethodIsNotCalled() throws Exception {
    assertJson(
        "{\"content\":[{\"type\":\"text\",\"text\":\"Invalid arguments for tool 'forecast': "
            + "missing required argument 'place.city'; argument 'days' must be an integer; "
            + "argument 'unit' must be one of [C, F]; unknown argument 'extra'\"}],"
            + "\"isError\":true,\"resultType\":\"complete\"," + SERVER_INFO + "}",
        call("{\"name\":\"forecast\",\"arguments\":{\"place\":{},\"days\":\"2\",\"unit\":\"K\",\"extra\":1}}").get("result"));
    assertJson(
        "{\"content\":[{\"type\":\"text\",\"text\":\"Invalid arguments for tool 'echo': missing required argument 'text'\"}],"
            + "\"isError\":true,\"resultType\":\"complete\"," + SERVER_INFO + "}",
        call("{\"name\":\"echo\",\"arguments\":{}}").get("result"));
  }

  @Test
  void anExceptionIsAnErrorResultWithoutItsDetails() throws Exception {
    assertJson(
        "{\"content\":[{\"type\":\"text\",\"text\":\"Tool 'fails' failed\"}],\"isError\":true,\"resultType\":\"complete\","
            + SERVER_INFO + "}",
        call("{\"name\":\"fails\"}").get("result"));
  }

  @Test
  void anMcpExceptionKeepsItsCode() throws Exception {
    assertJson(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"No such thing\"}}",
        call("{\"name\":\"refuses\"}"));
  }

  @Test
  void scopesOnTheAnnotationAreRequired() {
    assertEquals(Set.of("weather:read"), client.dispatcher.requiredScopes("tools/call", "forecast"));
    assertEquals(Set.of(), client.dispatcher.requiredScopes("tools/call", "echo"));
  }

  @Test
  void sameResultsAsTheToolWrittenAsALambda() throws Exception {
    record EchoArgs(String text, Optional<String> suffix) {}
    try (McpServer lambda =
        McpServer.builder(Implementation.of("annotated", "1"))
            .tool("echo", "Echoes text", EchoArgs.class, (ctx, a) -> CallToolResult.text(a.text() + a.suffix().orElse("")))
            .build()) {
      TestClient other = new TestClient(lambda);
      for (String args : List.of("{\"text\":\"a\",\"suffix\":\"b\"}", "{\"text\":\"a\"}", "{\"text\":1}", "{}")) {
        String params = "{\"name\":\"echo\",\"arguments\":" + args + "}";
        assertEquals(other.call("tools/call", params), call(params), args);
      }
    }
  }

  /** What a proxying framework makes: a subclass overriding without the annotations. */
  public static final class Proxied extends WeatherTools {
    @Override
    public String say(String t, String suffix) {
      return "proxied " + super.say(t, suffix);
    }
  }

  @Test
  void aSubclassOverrideWithoutAnnotationsIsCalledThroughTheSuperclassAnnotation() throws Exception {
    try (McpServer proxied = McpServer.builder(Implementation.of("annotated", "1")).annotated(new Proxied()).build()) {
      TestClient other = new TestClient(proxied);
      assertEquals(
          client.call("tools/list", Map.of()), other.call("tools/list", Map.of()));
      assertJson(
          "{\"content\":[{\"type\":\"text\",\"text\":\"proxied hi\"}],\"resultType\":\"complete\"," + SERVER_INFO + "}",
          other.call("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}").get("result"));
    }
  }
}
