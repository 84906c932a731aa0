package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptArgument;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.testing.FakeHttpExchange;
import org.mcpkit.testing.FuzzJson;
import org.mcpkit.testing.FuzzJson.Node;
import org.mcpkit.transport.spi.HttpExchange;
import org.mcpkit.transport.spi.ResponseChannel;

/**
 * The whole HTTP engine under fuzz (jqwik, fixed seed {@link FuzzJson#SEED}), through in-memory
 * exchanges: arbitrary methods, paths, headers and bodies of both eras (2026-07-28 requests with
 * {@code _meta} and the MCP headers; 2025-era ones on live, ended or made-up {@code Mcp-Session-Id}
 * sessions; HTTP+SSE messages on a live stream), bodies delivered in chunks of any size, from an
 * "I/O thread" or not. For every request:
 *
 * <ul>
 *   <li>nothing escapes to the container ({@code service} returns, no task throws);
 *   <li>it is answered, never with a 5xx, and a response that is not a stream ends;
 *   <li>every JSON-RPC answer in the body (JSON, batch array or SSE event) carries the request's
 *       own id, or none where the id could not be read (always none for a parse error);
 *   <li>no body shows a stack frame or a class name (a tool that throws with one in its message
 *       included);
 *   <li>a normal request right after is answered 200 with the exact expected body.
 * </ul>
 *
 * <p>After each property no request is left in flight and no session is left open.
 */
class EndpointFuzzTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final String MODERN = "2026-07-28";
  private static final int MAX_BODY = 16 * 1024;
  /** A placeholder header value the runner replaces with the live session id. */
  private static final String SESSION = "~session~";
  /** What a body must never show: a stack frame, an exception class, a qualified class name. */
  private static final Pattern LEAK = Pattern.compile(
      "\\bat [\\w$.]+\\(|\\.java:\\d+\\)|\\b[A-Z][A-Za-z]*(Exception|Error)\\b|Caused by|"
          + "\\b(java|javax|jakarta|sun|jdk|com\\.fasterxml|org\\.mcpkit|org\\.slf4j|io\\.undertow|org\\.apache|org\\.eclipse)\\.[a-z]");
  private static final String NORMAL_BODY =
      "{\"jsonrpc\":\"2.0\",\"id\":\"normal\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"still here\"},"
          + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";

  /** The longest error message accepted: a fixed text plus a short prefix of client input. */
  private static final int MAX_ERROR_MESSAGE = 512;

  private McpServer server;
  private McpHttpEndpoint endpoint;
  private ExecutorService handlers;
  private ExecutorService workers;
  private final List<Throwable> escaped = new CopyOnWriteArrayList<>();

  // ------------------------------------------------------------------ the server under fuzz

  @BeforeProperty
  void start() throws Exception {
    handlers = Executors.newFixedThreadPool(4);
    workers = Executors.newFixedThreadPool(4);
    server = McpServer.builder(Implementation.of("fuzz", "1.0.0"))
        .executor(recording(handlers))
        .tool(ToolSpec.of(
            Tool.builder("echo", Map.of("type", "object", "properties", Map.of(
                    "text", Map.of("type", "string"),
                    "region", Map.of("type", "string", "x-mcp-header", "Region"))))
                .description("echo").build(),
            (ctx, args) -> CallToolResult.text(String.valueOf(args.get("text")))))
        .tool("greet", "greets", Greet.class, (ctx, a) -> CallToolResult.text("hi " + a.name() + " x" + a.times()))
        .tool(ToolSpec.of(Tool.builder("fail", Map.of("type", "object")).build(), (ctx, args) -> {
          throw new IllegalStateException("java.lang.IllegalStateException: secret\n\tat org.mcpkit.Secret.run(Secret.java:1)");
        }))
        .tool(ToolSpec.of(Tool.builder("progress", Map.of("type", "object")).build(), (ctx, args) -> {
          ctx.progress(1, 2.0, "half");
          ctx.log(LoggingLevel.INFO, "working");
          return CallToolResult.text("done");
        }))
        .resource(ResourceSpec.of(Resource.of("test://r", "r"), (ctx, uri, vars) ->
            new ReadResourceResult(List.of(new TextResourceContents(uri, "text/plain", "r", null)), null)))
        .resourceTemplate(ResourceTemplateSpec.of(
            new ResourceTemplate("notes:///{name}", "note", null, null, "text/plain", null, null, null),
            (ctx, uri, vars) -> new ReadResourceResult(
                List.of(new TextResourceContents(uri, "text/plain", "note " + vars.get("name"), null)), null)))
        .prompt(PromptSpec.of(
                new Prompt("hello", null, "says hello", List.of(new PromptArgument("name", null, "who", true)), null, null),
                (ctx, req) -> new GetPromptResult("hello", List.of(PromptMessage.user(TextContent.of("Hello " + req.arguments().get("name")))), null))
            .withCompletion((ctx, req) -> CompleteResult.of(List.of("Ada", "Bo"))))
        .build();
    endpoint = McpHttpEndpoint.create(server, HttpEndpointOptions.builder()
        .maxBodyBytes(MAX_BODY)
        // JSON answers however slow a loaded CI machine is: the checks do not depend on timing
        .streamAfter(Duration.ofSeconds(30))
        .httpSse("/sse", "/message")
        .build());
    assertNormalRequestAnswered();
  }

  @AfterProperty
  void stop() {
    try {
      assertTrue(eventually(() -> endpoint.activeRequests() == 0), () -> endpoint.activeRequests() + " request(s) left in flight");
      assertTrue(eventually(() -> endpoint.sessionCount() == 0), () -> endpoint.sessionCount() + " session(s) left open");
      assertEquals(List.of(), escaped, "exceptions escaped on pool threads");
    } finally {
      endpoint.close();
      server.close();
      handlers.shutdownNow();
      workers.shutdownNow();
    }
  }

  /** Arguments of the typed tool. */
  record Greet(String name, int times) {}

  private java.util.concurrent.Executor recording(ExecutorService pool) {
    return task -> pool.execute(() -> {
      try {
        task.run();
      } catch (Throwable t) {
        escaped.add(t);
        throw t;
      }
    });
  }

  // ------------------------------------------------------------------ properties

  // Edge cases off: the generators name their own edge values, and jqwik's combined edge cases of
  // these composite generators would crowd out the random ones.
  @Property(tries = 10_000, seed = FuzzJson.SEED, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void anyRequestIsAnsweredCleanlyAndTheEndpointKeepsServing(@ForAll("requests") FuzzRequest request) throws Exception {
    List<String> sessions = new ArrayList<>();
    try {
      run(request, sessions);
      assertNormalRequestAnswered();
    } finally {
      for (String id : sessions) {
        send("DELETE", "/mcp", headers("Mcp-Session-Id", id), new byte[0]); // whatever the fuzz left open
      }
    }
  }

  // ------------------------------------------------------------------ running one request

  /** A generated request; {@link #SESSION} in a header value or the query stands for the live session id. */
  record FuzzRequest(
      String method, String path, List<Map.Entry<String, String>> headers, byte[] body, Sessions session,
      Delivery delivery, boolean streams) {
    @Override
    public String toString() {
      return method + " " + path + " session=" + session + " " + delivery + "\n  headers="
          + headers + "\n  body=" + new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Which session the request goes to. */
  enum Sessions { NONE, LIVE_2025_11_25, LIVE_2025_06_18, LIVE_2025_03_26, ENDED, HTTP_SSE }

  /** An answer as the client saw it. */
  record Answer(int status, Map<String, List<String>> headers, String body, boolean ended) {
    String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  private void run(FuzzRequest r, List<String> sessions) throws Exception {
    String sessionId = null;
    FakeHttpExchange sseStream = null;
    ByteArrayOutputStream sseBytes = null;
    String path = r.path();
    switch (r.session()) {
      case NONE -> { }
      case HTTP_SSE -> {
        sseBytes = new ByteArrayOutputStream();
        sseStream = new FakeHttpExchange("GET", "/sse", headers("Accept", "text/event-stream", "Host", "127.0.0.1:8080"), new byte[0]);
        endpoint.service(sseStream);
        assertEquals(200, sseStream.head.get(5, TimeUnit.SECONDS).status());
        ByteArrayOutputStream sink = sseBytes;
        sseStream.subscribe(collector(sink, new CompletableFuture<>()));
        assertTrue(eventually(() -> sink.toString(StandardCharsets.UTF_8).contains("sessionId=")));
        Matcher m = Pattern.compile("sessionId=([^\\s&]+)").matcher(sink.toString(StandardCharsets.UTF_8));
        assertTrue(m.find());
        sessionId = m.group(1);
        Answer init = send("POST", "/message?sessionId=" + sessionId, jsonHeaders(), LegacyHttp.init("2024-11-05").getBytes(StandardCharsets.UTF_8));
        assertEquals(202, init.status(), init.body());
        assertTrue(eventually(() -> sink.toString(StandardCharsets.UTF_8).contains("\"protocolVersion\"")));
        send("POST", "/message?sessionId=" + sessionId, jsonHeaders(),
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8));
        sseBytes.reset();
      }
      default -> {
        String version = r.session() == Sessions.ENDED ? "2025-06-18" : r.session().name().substring(5).replace('_', '-');
        Answer init = send("POST", "/mcp", jsonHeaders(), LegacyHttp.init(version).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, init.status(), init.body());
        sessionId = init.header("mcp-session-id");
        assertNotNull(sessionId);
        sessions.add(sessionId);
        send("POST", "/mcp", jsonHeaders("Mcp-Session-Id", sessionId, "MCP-Protocol-Version", version),
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8));
        if (r.session() == Sessions.ENDED) {
          assertEquals(200, send("DELETE", "/mcp", headers("Mcp-Session-Id", sessionId), new byte[0]).status());
        }
      }
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> h : r.headers()) {
      String value = sessionId == null ? h.getValue() : h.getValue().replace(SESSION, sessionId);
      headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(value);
    }
    if (sessionId != null) {
      path = path.replace(SESSION, sessionId);
    }
    try {
      Answer answer = serve(r.method(), path, headers, r.body(), r.delivery(), r.streams());
      net.jqwik.api.statistics.Statistics.label("status").collect(answer.status());
      net.jqwik.api.statistics.Statistics.label("answer").collect(describe(answer));
      String opened = answer.header("mcp-session-id");
      if (opened != null && !opened.equals(sessionId)) {
        sessions.add(opened);
      }
      check(r, answer);
      if (initializesLiveSession(r) && answer.status() < 300 && answer.body().startsWith("{")) {
        JsonNode json = PLAIN.readTree(answer.body());
        assertTrue(json.has("error"), () -> "initialize on a live session is refused: " + answer.body());
        Answer still = send("POST", "/mcp", jsonHeaders("Mcp-Session-Id", sessionId),
            "{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"tools/list\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, still.status(), () -> "the session is as it was: " + still.body());
      }
      if (sseStream != null) {
        ByteArrayOutputStream sink = sseBytes;
        if (answer.status() == 202 && isRequest(r.body())) {
          // a request posted to a live HTTP+SSE session is answered on its stream
          assertTrue(eventually(() -> sink.toString(StandardCharsets.UTF_8).contains("event: message")),
              "the answer arrives on the stream");
        }
        String events;
        synchronized (sink) {
          events = sink.toString(StandardCharsets.UTF_8);
        }
        checkBody(r, events, "text/event-stream");
      }
    } finally {
      if (sseStream != null) {
        sseStream.subscribe(cancelling()); // the client goes away
      }
    }
  }

  /** The answer's JSON-RPC shape for the statistics: a result, an error code, a stream, or nothing. */
  private static String describe(Answer a) {
    if (a.body().isEmpty()) {
      return "empty";
    }
    if (!a.body().startsWith("{")) {
      return a.body().startsWith("[") ? "batch" : "stream";
    }
    try {
      JsonNode json = PLAIN.readTree(a.body());
      String m = json.path("error").path("message").asText();
      return json.has("result") ? "result" : "error " + json.path("error").path("code").asInt() + " " + m.substring(0, Math.min(40, m.length()));
    } catch (Exception e) {
      return "not JSON";
    }
  }

  /** Whether the body is one request a server must answer: a method and a readable id. */
  private static boolean isRequest(byte[] body) {
    try {
      JsonNode tree = PLAIN.readTree(body);
      return tree != null && tree.path("method").isTextual() && FuzzJson.readableId(tree).isPresent()
          && "2.0".equals(tree.path("jsonrpc").textValue());
    } catch (Exception e) {
      return false;
    }
  }

  /** Serves one exchange and reads its answer; a stream still open after a moment is cancelled. */
  private Answer serve(String method, String path, Map<String, List<String>> headers, byte[] body, Delivery delivery,
      boolean mayStream) throws Exception {
    FakeHttpExchange fake = new FakeHttpExchange(method, path, headers, body);
    FuzzExchange exchange = new FuzzExchange(fake, body, delivery);
    try {
      endpoint.service(exchange);
    } catch (Throwable t) {
      throw new AssertionError("an exception escaped to the container", t);
    }
    FakeHttpExchange.Head head;
    try {
      head = fake.head.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within 5 s");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Flow.Subscriber<List<ByteBuffer>> collector = collector(out, done);
    CancellableSubscriber subscriber = new CancellableSubscriber(collector);
    fake.subscribe(subscriber);
    boolean ended;
    try {
      done.get(mayStream ? 20 : 5000, TimeUnit.MILLISECONDS);
      ended = true;
    } catch (java.util.concurrent.TimeoutException e) {
      ended = false;
      subscriber.cancel(); // the client goes away
    }
    synchronized (out) {
      return new Answer(head.status(), head.headers(), out.toString(StandardCharsets.UTF_8), ended);
    }
  }

  private Answer send(String method, String path, Map<String, List<String>> headers, byte[] body) throws Exception {
    return serve(method, path, headers, body, Delivery.WHOLE, false);
  }

  private void assertNormalRequestAnswered() throws Exception {
    Answer a = send("POST", "/mcp", jsonHeaders("MCP-Protocol-Version", MODERN, "Mcp-Method", "tools/call", "Mcp-Name", "echo"),
        NORMAL_BODY.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, a.status(), a.body());
    assertEquals("application/json", a.header("content-type"));
    String expected = "{\"jsonrpc\":\"2.0\",\"id\":\"normal\",\"result\":{\"content\":[{\"text\":\"still here\",\"type\":\"text\"}],"
        + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"fuzz\",\"version\":\"1.0.0\"}}}}";
    assertEquals(expected, a.body(), "a normal request is answered as always");
  }

  // ------------------------------------------------------------------ the checks

  private void check(FuzzRequest r, Answer a) throws Exception {
    assertTrue(a.status() >= 200 && a.status() < 500, () -> "status " + a.status() + ": " + a.body());
    assertTrue(a.ended() || r.streams(), "a response that is not a stream ends");
    if (a.body().isEmpty()) {
      return;
    }
    String type = a.header("content-type");
    assertNotNull(type, "a body has a Content-Type");
    checkBody(r, a.body(), type);
  }

  private void checkBody(FuzzRequest r, String body, String type) throws Exception {
    Matcher leak = LEAK.matcher(body);
    assertFalse(leak.find(), () -> "the body shows '" + leak.group() + "': " + body);
    Set<RequestId> ids = readableIds(r.body());
    if (type.startsWith("application/json")) {
      JsonNode json = PLAIN.readTree(body);
      if (json.isArray()) {
        for (JsonNode item : json) {
          checkAnswer(item, ids);
        }
      } else {
        checkAnswer(json, ids);
      }
    } else if (type.startsWith("text/event-stream")) {
      for (String event : body.split("\n\n")) {
        StringBuilder data = new StringBuilder();
        boolean endpointEvent = false;
        for (String line : event.split("\n")) {
          if (line.startsWith("data:")) {
            data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
          } else if (line.equals("event: endpoint")) {
            endpointEvent = true;
          }
        }
        if (data.length() > 0 && !endpointEvent) {
          JsonNode message = PLAIN.readTree(data.toString());
          if (!r.method().equals("GET")) { // a GET stream carries the session's other traffic
            checkAnswer(message, ids);
          }
        }
      }
    } else {
      fail("unexpected Content-Type " + type + ": " + body);
    }
  }

  /** A response carries one of the request ids, or none where none could be read. */
  private static void checkAnswer(JsonNode message, Set<RequestId> ids) {
    assertTrue(message.isObject(), () -> "a JSON-RPC message: " + message);
    assertEquals("2.0", message.path("jsonrpc").asText(), message::toString);
    boolean response = message.has("result") || message.has("error");
    if (!response) {
      return; // a notification or a server-to-client request on the stream
    }
    JsonNode id = message.get("id");
    Optional<RequestId> answered = id == null || id.isNull() ? Optional.empty()
        : Optional.of(id.isTextual() ? RequestId.of(id.textValue()) : RequestId.of(id.longValue()));
    if (message.has("result")) {
      assertTrue(answered.isPresent() && ids.contains(answered.get()), () -> "a result answers a request id " + ids + ": " + message);
    } else {
      assertTrue(answered.isEmpty() || ids.contains(answered.get()), () -> "an error carries a request id " + ids + " or none: " + message);
      if (message.path("error").path("code").asInt() == -32700) {
        assertTrue(answered.isEmpty(), () -> "a parse error has no id: " + message);
      }
      assertTrue(message.path("error").path("message").isTextual(), message::toString);
      assertTrue(message.path("error").path("message").asText().length() <= MAX_ERROR_MESSAGE,
          () -> "an error message reflects no more than a short prefix of the input: " + message.toString().length() + " chars");
    }
  }

  /** The ids a client can read in the body: of the object, or of each element of an array. */
  private static Set<RequestId> readableIds(byte[] body) {
    Set<RequestId> ids = new HashSet<>();
    try {
      JsonNode tree = PLAIN.readTree(body);
      if (tree != null && tree.isArray()) {
        tree.forEach(item -> FuzzJson.readableId(item).ifPresent(ids::add));
      } else {
        FuzzJson.readableId(tree).ifPresent(ids::add);
      }
    } catch (Exception e) {
      // not JSON: no id
    }
    return ids;
  }

  // ------------------------------------------------------------------ generators

  @Provide
  Arbitrary<FuzzRequest> requests() {
    return requestsOfEveryKind();
  }

  /** An initialize request under the id of a live 2025-era session (issue 17 point 5). */
  private static boolean initializesLiveSession(FuzzRequest r) {
    if (!r.session().name().startsWith("LIVE") || !r.method().equals("POST")) {
      return false;
    }
    Optional<String> session = r.headers().stream().filter(h -> h.getKey().equalsIgnoreCase("Mcp-Session-Id"))
        .map(Map.Entry::getValue).findFirst();
    return session.isPresent() && session.get().trim().equals(SESSION) && isRequest(r.body())
        && "initialize".equals(readTree(r.body()).path("method").textValue());
  }

  private static JsonNode readTree(byte[] body) {
    try {
      return PLAIN.readTree(body);
    } catch (Exception e) {
      return PLAIN.missingNode();
    }
  }

  private Arbitrary<FuzzRequest> requestsOfEveryKind() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, modernPost()),
        Tuple.of(6, legacyPost()),
        Tuple.of(1, initializePost()),
        Tuple.of(1, batchPost()),
        Tuple.of(1, sessionGetOrDelete()),
        Tuple.of(1, httpSseMessage()),
        Tuple.of(2, rawRequest()));
  }

  private static final List<String> METHODS = List.of(
      "server/discover", "ping", "tools/list", "tools/call", "resources/list", "resources/templates/list",
      "resources/read", "resources/subscribe", "resources/unsubscribe", "prompts/list", "prompts/get",
      "completion/complete", "logging/setLevel", "subscriptions/listen", "initialize", "notifications/initialized",
      "notifications/cancelled", "notifications/progress", "notifications/roots/list_changed", "sampling/createMessage",
      "elicitation/create", "roots/list");

  /** A known value, or now and then any JSON value. */
  private static Arbitrary<Node> pick(String... values) {
    return FuzzJson.orWild(Arbitraries.of(values).map(FuzzJson::str));
  }

  /** Params that fit the method, now and then with a wrong or extra member. */
  private static Arbitrary<List<Optional<Map.Entry<String, Node>>>> params(String method) {
    List<Arbitrary<Optional<Map.Entry<String, Node>>>> fields = new ArrayList<>();
    switch (method) {
      case "tools/call" -> {
        fields.add(FuzzJson.field("name", pick("echo", "greet", "fail", "progress", "nope"), 0.95));
        fields.add(FuzzJson.field("arguments", FuzzJson.orWild(Combinators.combine(
                FuzzJson.field("text", FuzzJson.orWild(FuzzJson.string()), 0.8),
                FuzzJson.field("region", FuzzJson.orWild(FuzzJson.string()), 0.4),
                FuzzJson.field("name", FuzzJson.orWild(FuzzJson.string()), 0.5),
                FuzzJson.field("times", FuzzJson.orWild(FuzzJson.number()), 0.5))
            .as((a, b, c, d) -> FuzzJson.obj(a, b, c, d))), 0.9));
      }
      case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
          fields.add(FuzzJson.field("uri", pick("test://r", "notes:///a", "notes:///a%2Fb", "notes:///../x", "nope://x", ""), 0.95));
      case "prompts/get" -> {
        fields.add(FuzzJson.field("name", pick("hello", "nope"), 0.95));
        fields.add(FuzzJson.field("arguments", FuzzJson.orWild(FuzzJson.field("name", FuzzJson.string(), 0.8)
            .map(f -> FuzzJson.obj(f))), 0.8));
      }
      case "completion/complete" -> {
        fields.add(FuzzJson.field("ref", FuzzJson.orWild(Combinators.combine(pick("ref/prompt", "ref/resource"), pick("hello", "notes:///{name}"))
            .as((t, n) -> FuzzJson.obj(FuzzJson.field("type", t), FuzzJson.field(n.json().contains("{") ? "uri" : "name", n)))), 0.9));
        fields.add(FuzzJson.field("argument", FuzzJson.orWild(FuzzJson.string()
            .map(v -> FuzzJson.obj(FuzzJson.field("name", FuzzJson.str("name")), FuzzJson.field("value", v)))), 0.9));
      }
      case "logging/setLevel" -> fields.add(FuzzJson.field("level", pick("debug", "info", "error", "emergency", "loud"), 0.9));
      case "initialize" -> {
        fields.add(FuzzJson.field("protocolVersion", pick("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05", "2026-07-28", "1999-01-01"), 0.9));
        fields.add(FuzzJson.field("capabilities", FuzzJson.orWild(Arbitraries.just(FuzzJson.obj())), 0.9));
        fields.add(FuzzJson.field("clientInfo", FuzzJson.orWild(Combinators.combine(FuzzJson.string(), FuzzJson.string())
            .as((n, v) -> FuzzJson.obj(FuzzJson.field("name", n), FuzzJson.field("version", v)))), 0.9));
      }
      case "notifications/cancelled" -> fields.add(FuzzJson.field("requestId", FuzzJson.id(), 0.9));
      case "notifications/progress" -> {
        fields.add(FuzzJson.field("progressToken", FuzzJson.id(), 0.9));
        fields.add(FuzzJson.field("progress", FuzzJson.number(), 0.9));
      }
      case "subscriptions/listen" -> fields.add(FuzzJson.field("filter", FuzzJson.orWild(Arbitraries.just(FuzzJson.obj())), 0.5));
      default -> fields.add(FuzzJson.field("cursor", FuzzJson.orWild(FuzzJson.string()), 0.2));
    }
    fields.add(FuzzJson.field("extra", FuzzJson.anyJson(2), 0.1));
    return Combinators.combine(fields).as(list -> list);
  }

  /** {@code _meta} of a 2026-07-28 request: its version (mostly the right one) and capabilities. */
  private static Arbitrary<Optional<Map.Entry<String, Node>>> modernMeta() {
    Arbitrary<Node> caps = FuzzJson.orWild(Arbitraries.of(
        FuzzJson.obj(),
        FuzzJson.obj(FuzzJson.field("elicitation", FuzzJson.obj())),
        FuzzJson.obj(FuzzJson.field("sampling", FuzzJson.obj()), FuzzJson.field("roots", FuzzJson.obj()))));
    return Combinators.combine(
            FuzzJson.field("io.modelcontextprotocol/protocolVersion",
                Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(FuzzJson.str(MODERN))), Tuple.of(1, pick("2025-06-18", "2099-01-01"))), 0.97),
            FuzzJson.field("io.modelcontextprotocol/clientCapabilities", caps, 0.95),
            FuzzJson.field("io.modelcontextprotocol/logLevel", pick("debug", "info", "nope"), 0.1),
            FuzzJson.field("progressToken", FuzzJson.id(), 0.1))
        .as((v, c, l, p) -> FuzzJson.field("_meta", FuzzJson.obj(v, c, l, p)));
  }

  /** Mostly ids a client would use, now and then any id at all (null, floats, objects). */
  private static Arbitrary<Node> requestId() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.integers().between(0, 1_000_000).map(i -> (Node) new FuzzJson.Num(Integer.toString(i)))),
        Tuple.of(3, FuzzJson.string()),
        Tuple.of(1, FuzzJson.id()));
  }

  /** A JSON-RPC message of {@code method} (a request with an id, or a notification), as a tree. */
  private static Arbitrary<Node> message(String method, Arbitrary<Optional<Map.Entry<String, Node>>> meta, double idPresence) {
    return Combinators.combine(
            params(method), meta, FuzzJson.field("id", requestId(), idPresence), Arbitraries.integers().between(0, 30))
        .as((fields, m, id, spoil) -> {
          List<Optional<Map.Entry<String, Node>>> all = new ArrayList<>(fields);
          all.add(m);
          Node params = FuzzJson.obj(all);
          Node version = spoil == 0 ? FuzzJson.str("1.0") : FuzzJson.str("2.0");
          return FuzzJson.obj(
              FuzzJson.field("jsonrpc", version),
              method.startsWith("notifications/") && spoil != 1 ? Optional.empty() : id,
              FuzzJson.field("method", FuzzJson.str(method)),
              spoil == 2 ? Optional.empty() : FuzzJson.field("params", params));
        });
  }

  /**
   * Messages of every method, each method's generator built once (generators made per try would
   * cost more than the request): mostly the known methods, now and then a made-up one.
   */
  private static Arbitrary<Node> messages(Arbitrary<Optional<Map.Entry<String, Node>>> meta, double idPresence) {
    List<Arbitrary<Node>> known = METHODS.stream().map(m -> message(m, meta, idPresence)).toList();
    Arbitrary<Node> madeUp = Combinators.combine(message("made/up", meta, idPresence), FuzzJson.text())
        .as(EndpointFuzzTest::withMethod);
    return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.oneOf(known)), Tuple.of(1, madeUp));
  }

  private static Node withMethod(Node message, String method) {
    List<Map.Entry<String, Node>> fields = new ArrayList<>();
    for (Map.Entry<String, Node> f : ((FuzzJson.Obj) message).fields()) {
      fields.add(f.getKey().equals("method") ? Map.entry("method", FuzzJson.str(method)) : f);
    }
    return new FuzzJson.Obj(fields);
  }

  private static final Arbitrary<Node> MODERN_MESSAGES = messages(modernMeta(), 0.95);
  private static final Arbitrary<Node> LEGACY_MESSAGES = messages(FuzzJson.field("_meta",
      FuzzJson.field("progressToken", FuzzJson.id(), 0.9).map(f -> FuzzJson.obj(f)), 0.2), 0.9);
  private static final Arbitrary<Node> PLAIN_MESSAGES = messages(Arbitraries.just(Optional.empty()), 0.9);

  private static String methodOf(Node message) {
    return message instanceof FuzzJson.Obj obj ? obj.get("method").filter(m -> m instanceof FuzzJson.Str)
        .map(m -> ((FuzzJson.Str) m).value()).orElse("") : "";
  }

  /** The headers a 2026-07-28 client sends for a message. */
  private static List<Map.Entry<String, String>> modernHeaders(Node message) {
    List<Map.Entry<String, String>> right = new ArrayList<>(jsonHeaderList());
    right.add(Map.entry("MCP-Protocol-Version", MODERN));
    if (message instanceof FuzzJson.Obj obj) {
      obj.get("method").filter(m -> m instanceof FuzzJson.Str).ifPresent(m -> right.add(Map.entry("Mcp-Method", ((FuzzJson.Str) m).value())));
      Optional<Node> params = obj.get("params");
      if (params.isPresent() && params.get() instanceof FuzzJson.Obj p) {
        for (String key : List.of("name", "uri")) {
          p.get(key).filter(n -> n instanceof FuzzJson.Str).ifPresent(n -> right.add(Map.entry("Mcp-Name", nameHeader(((FuzzJson.Str) n).value()))));
        }
        p.get("arguments").filter(a -> a instanceof FuzzJson.Obj).flatMap(a -> ((FuzzJson.Obj) a).get("region"))
            .filter(n -> n instanceof FuzzJson.Str).ifPresent(n -> right.add(Map.entry("Mcp-Param-Region", nameHeader(((FuzzJson.Str) n).value()))));
      }
    }
    return right;
  }

  /** Literal when plain visible ASCII, else the base64 sentinel. */
  private static String nameHeader(String s) {
    boolean literal = s.equals(s.trim()) && !s.startsWith("=?base64?") && s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    return literal ? s : "=?base64?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
  }

  private static final List<String> HEADER_NAMES = List.of(
      "Content-Type", "Accept", "Content-Length", "Transfer-Encoding", "Expect", "MCP-Protocol-Version", "Mcp-Method",
      "Mcp-Name", "Mcp-Param-Region", "Mcp-Session-Id", "Last-Event-ID", "Origin", "Host", "Mcp-Param-", "X-Other");

  /** Values a hostile client puts in headers. */
  private static Arbitrary<String> headerValue() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, FuzzJson.text()),
        Tuple.of(3, Arbitraries.of(
            "application/json", "text/event-stream", "application/json, text/event-stream", "application/json; charset=utf-8",
            "*/*", "text/plain", "", " ", "2026-07-28", "2025-06-18", "2024-11-05", "1999-01-01", "tools/call", "echo", "chunked",
            "100-continue", "-1", "0", "99999999999999999999", "12abc", "http://localhost:3000", "https://evil.example",
            "null", "127.0.0.1:8080", "localhost", "evil.example", "=?base64?ZWNobw==?=", "=?base64?!!?=", "0-1", "x-0",
            SESSION, SESSION + "x")),
        Tuple.of(1, FuzzJson.text().map(s -> "=?base64?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=")));
  }

  private enum Change { DROP, REPLACE, ADD, REPEAT }

  /** One change to the headers: which, where (modulo their count), and the header it brings. */
  record HeaderChange(Change change, int at, Map.Entry<String, String> header) {}

  /** Changes to apply to the right headers, and whether to send a right or wrong Content-Length. */
  record Mutation(List<HeaderChange> changes, String contentLength) {
    List<Map.Entry<String, String>> apply(List<Map.Entry<String, String>> right, byte[] body) {
      List<Map.Entry<String, String>> headers = new ArrayList<>(right);
      if (contentLength.equals("right")) {
        headers.add(Map.entry("Content-Length", Integer.toString(body.length)));
      } else if (contentLength.equals("wrong")) {
        headers.add(Map.entry("Content-Length", Integer.toString(body.length + 7)));
      }
      for (HeaderChange c : changes) {
        int at = headers.isEmpty() ? 0 : c.at() % headers.size();
        switch (c.change()) {
          case DROP -> {
            if (!headers.isEmpty()) {
              headers.remove(at);
            }
          }
          case REPLACE -> {
            if (!headers.isEmpty()) {
              headers.set(at, Map.entry(headers.get(at).getKey(), c.header().getValue()));
            }
          }
          case ADD -> headers.add(c.header());
          case REPEAT -> {
            if (!headers.isEmpty()) {
              headers.add(Map.entry(headers.get(at).getKey(), c.header().getValue()));
            }
          }
        }
      }
      return headers;
    }
  }

  /** Mostly no change, else one to three (a header dropped, replaced, added or repeated). */
  private static final Arbitrary<Mutation> MUTATION = Combinators.combine(
          Arbitraries.frequencyOf(
              Tuple.of(7, Arbitraries.just(List.<HeaderChange>of())),
              Tuple.of(3, Combinators.combine(
                      Arbitraries.of(Change.class), Arbitraries.integers().between(0, 20),
                      Combinators.combine(Arbitraries.of(HEADER_NAMES), headerValue()).as(Map::entry))
                  .as(HeaderChange::new).list().ofMinSize(1).ofMaxSize(3))),
          Arbitraries.frequencyOf(
              Tuple.of(6, Arbitraries.just("none")), Tuple.of(4, Arbitraries.just("right")), Tuple.of(1, Arbitraries.just("wrong"))))
      .as(Mutation::new);

  /**
   * How a body reaches the engine: in chunks of {@code chunk} bytes, from an I/O thread or not, and,
   * when {@code breakAfter >= 0}, breaking off after that many chunks as a body whose chunked
   * framing is broken does (the adapter reports {@code failed}).
   */
  record Delivery(int chunk, boolean ioThread, int breakAfter) {
    static final Delivery WHOLE = new Delivery(8192, false, -1);
  }

  private static final Arbitrary<Delivery> DELIVERY = Combinators.combine(
          Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(8192)), Tuple.of(3, Arbitraries.integers().between(1, 64)),
              Tuple.of(1, Arbitraries.integers().between(65, 20_000))),
          Arbitraries.of(false, true),
          Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.integers().between(0, 3))))
      .as(Delivery::new);

  /** What happens to the body text: nothing mostly; cut short, a byte changed, or padded past the limit. */
  record Damage(String kind, int at, byte value, int pad) {
    byte[] apply(Node message) {
      byte[] text = message.json().getBytes(StandardCharsets.UTF_8);
      int i = text.length == 0 ? 0 : at % text.length;
      switch (kind) {
        case "cut" -> {
          return java.util.Arrays.copyOf(text, i);
        }
        case "byte" -> {
          if (text.length > 0) {
            text[i] = value;
          }
          return text;
        }
        case "pad" -> {
          byte[] big = java.util.Arrays.copyOf(text, Math.max(text.length + 1, MAX_BODY + pad));
          java.util.Arrays.fill(big, text.length, big.length, (byte) ' ');
          return big;
        }
        default -> {
          return text;
        }
      }
    }
  }

  private static final Arbitrary<Damage> DAMAGE = Combinators.combine(
          Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just("none")), Tuple.of(1, Arbitraries.just("cut")),
              Tuple.of(1, Arbitraries.just("byte")), Tuple.of(1, Arbitraries.just("pad"))),
          Arbitraries.integers().between(0, 100_000), Arbitraries.bytes(), Arbitraries.integers().between(-1000, 2 * MAX_BODY))
      .as(Damage::new);

  private static FuzzRequest post(List<Map.Entry<String, String>> headers, byte[] body, Sessions session,
      Delivery delivery, boolean streams) {
    return new FuzzRequest("POST", "/mcp", headers, body, session, delivery, streams);
  }

  private Arbitrary<FuzzRequest> modernPost() {
    return Combinators.combine(MODERN_MESSAGES, DAMAGE, MUTATION, DELIVERY).as((msg, damage, mutation, delivery) -> {
      byte[] body = damage.apply(msg);
      return post(mutation.apply(modernHeaders(msg), body), body, Sessions.NONE, delivery,
          methodOf(msg).equals("subscriptions/listen"));
    });
  }

  private static final Arbitrary<Sessions> LIVE = Arbitraries.frequencyOf(
      Tuple.of(4, Arbitraries.just(Sessions.LIVE_2025_11_25)), Tuple.of(3, Arbitraries.just(Sessions.LIVE_2025_06_18)),
      Tuple.of(3, Arbitraries.just(Sessions.LIVE_2025_03_26)), Tuple.of(1, Arbitraries.just(Sessions.ENDED)),
      Tuple.of(1, Arbitraries.just(Sessions.NONE)));

  /** The headers of a 2025-era message on a session. */
  private static List<Map.Entry<String, String>> legacyHeaders(Sessions session) {
    List<Map.Entry<String, String>> right = new ArrayList<>(jsonHeaderList());
    right.add(Map.entry("Mcp-Session-Id", SESSION));
    if (session.name().startsWith("LIVE")) {
      right.add(Map.entry("MCP-Protocol-Version", session.name().substring(5).replace('_', '-')));
    }
    return right;
  }

  /** A 2025-era message (no modern {@code _meta}; a progress token at times) on a live, ended or no session. */
  private Arbitrary<FuzzRequest> legacyPost() {
    return Combinators.combine(LEGACY_MESSAGES, LIVE, DAMAGE, MUTATION, DELIVERY).as((msg, session, damage, mutation, delivery) -> {
      byte[] body = damage.apply(msg);
      return post(mutation.apply(legacyHeaders(session), body), body, session, delivery, false);
    });
  }

  private Arbitrary<FuzzRequest> initializePost() {
    return Combinators.combine(message("initialize", Arbitraries.just(Optional.empty()), 0.95),
            Arbitraries.of(Sessions.NONE, Sessions.LIVE_2025_11_25), DAMAGE, MUTATION, DELIVERY)
        .as((msg, session, damage, mutation, delivery) -> {
          byte[] body = damage.apply(msg);
          List<Map.Entry<String, String>> right = session == Sessions.NONE ? jsonHeaderList()
              : append(jsonHeaderList(), Map.entry("Mcp-Session-Id", SESSION));
          return post(mutation.apply(right, body), body, session, delivery, false);
        });
  }

  /** A JSON array of 2025-era messages (only 2025-03-26 sessions take batches), sometimes empty. */
  private Arbitrary<FuzzRequest> batchPost() {
    Arbitrary<Node> element = Arbitraries.frequencyOf(
        Tuple.of(4, PLAIN_MESSAGES), Tuple.of(1, FuzzJson.envelope()));
    return Combinators.combine(element.list().ofMaxSize(4), LIVE, MUTATION, DELIVERY).as((items, session, mutation, delivery) -> {
      byte[] body = new FuzzJson.Arr(items).json().getBytes(StandardCharsets.UTF_8);
      return post(mutation.apply(legacyHeaders(session), body), body, session, delivery, false);
    });
  }

  /** GET (the session's stream, or a resumption) and DELETE on a session; HEAD and friends. */
  private Arbitrary<FuzzRequest> sessionGetOrDelete() {
    return Combinators.combine(Arbitraries.of("GET", "GET", "DELETE", "HEAD", "OPTIONS"), LIVE, headerValue().optional(0.3), MUTATION)
        .as((m, session, lastEvent, mutation) -> {
          List<Map.Entry<String, String>> right = new ArrayList<>();
          right.add(Map.entry("Accept", "text/event-stream"));
          right.add(Map.entry("Host", "127.0.0.1:8080"));
          right.add(Map.entry("Mcp-Session-Id", SESSION));
          lastEvent.ifPresent(e -> right.add(Map.entry("Last-Event-ID", e)));
          return new FuzzRequest(m, "/mcp", mutation.apply(right, new byte[0]), new byte[0], session, Delivery.WHOLE, true);
        });
  }

  /** A message posted to a live HTTP+SSE session (answered on its stream), or to a made-up one. */
  private Arbitrary<FuzzRequest> httpSseMessage() {
    Arbitrary<String> path = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just("/message?sessionId=" + SESSION)),
        Tuple.of(1, FuzzJson.text().map(s -> "/message?sessionId=" + java.net.URLEncoder.encode(s, StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.of("/message", "/message?", "/message?sessionId=", "/message?sessionId=%zz", "/sse")));
    return Combinators.combine(PLAIN_MESSAGES, path, DAMAGE, MUTATION, DELIVERY, Arbitraries.of("POST", "POST", "POST", "GET"))
        .as((msg, p, damage, mutation, delivery, m) -> {
          byte[] body = damage.apply(msg);
          return new FuzzRequest(m, p, mutation.apply(jsonHeaderList(), body), body, Sessions.HTTP_SSE, delivery, m.equals("GET"));
        });
  }

  /** Anything: any method and path, any headers, any JSON or any bytes. */
  private Arbitrary<FuzzRequest> rawRequest() {
    Arbitrary<String> httpMethod = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just("POST")), Tuple.of(2, Arbitraries.of("GET", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "TRACE")),
        Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)));
    Arbitrary<String> path = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just("/mcp")), Tuple.of(1, Arbitraries.of("/", "/sse", "/message", "/mcp/", "/MCP", "/mcp?x=1")),
        Tuple.of(1, FuzzJson.text().map(s -> "/" + s)));
    Arbitrary<byte[]> body = Arbitraries.frequencyOf(
        Tuple.of(6, Combinators.combine(FuzzJson.envelope(), DAMAGE).as((n, damage) -> damage.apply(n))),
        Tuple.of(1, FuzzJson.randomBytes()),
        Tuple.of(1, FuzzJson.deepNesting()),
        Tuple.of(1, Arbitraries.just(new byte[0])));
    return Combinators.combine(httpMethod, path, body, LIVE, MUTATION, DELIVERY).as((m, p, b, session, mutation, delivery) -> {
      List<Map.Entry<String, String>> right = session == Sessions.NONE ? jsonHeaderList()
          : append(jsonHeaderList(), Map.entry("Mcp-Session-Id", SESSION));
      return new FuzzRequest(m, p, mutation.apply(right, b), b, session, delivery,
          !m.equals("POST") || new String(b, StandardCharsets.UTF_8).contains("subscriptions/listen"));
    });
  }

  // ------------------------------------------------------------------ plumbing

  private static List<Map.Entry<String, String>> jsonHeaderList() {
    return List.of(
        Map.entry("Content-Type", "application/json"),
        Map.entry("Accept", "application/json, text/event-stream"),
        Map.entry("Host", "127.0.0.1:8080"));
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list);
    copy.add(item);
    return copy;
  }

  private static Map<String, List<String>> headers(String... nameValues) {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i + 1 < nameValues.length; i += 2) {
      h.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return h;
  }

  private static Map<String, List<String>> jsonHeaders(String... extra) {
    Map<String, List<String>> h = headers(extra);
    jsonHeaderList().forEach(e -> h.put(e.getKey(), List.of(e.getValue())));
    return h;
  }

  private static Flow.Subscriber<List<ByteBuffer>> collector(ByteArrayOutputStream out, CompletableFuture<Void> done) {
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(List<ByteBuffer> items) {
        synchronized (out) {
          for (ByteBuffer b : items) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.write(bytes, 0, bytes.length);
          }
        }
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }
    };
  }

  /** A subscriber that goes away at once (the client closed the connection). */
  private static Flow.Subscriber<List<ByteBuffer>> cancelling() {
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.cancel();
      }

      @Override
      public void onNext(List<ByteBuffer> item) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onComplete() {}
    };
  }

  /** Wraps a subscriber so the test can cancel its subscription (the client goes away). */
  private static final class CancellableSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
    private final Flow.Subscriber<List<ByteBuffer>> inner;
    private volatile Flow.Subscription subscription;

    CancellableSubscriber(Flow.Subscriber<List<ByteBuffer>> inner) {
      this.inner = inner;
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      inner.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      inner.onNext(item);
    }

    @Override
    public void onError(Throwable t) {
      inner.onError(t);
    }

    @Override
    public void onComplete() {
      inner.onComplete();
    }
  }

  /**
   * The in-memory exchange, with the body delivered in chunks of a chosen size and, when {@code
   * ioThread}, the serving thread taken for a non-blocking I/O thread: work dispatched off it runs
   * on the test's worker pool, as on Undertow.
   */
  private final class FuzzExchange implements HttpExchange {
    private final FakeHttpExchange fake;
    private final byte[] body;
    private final Delivery delivery;
    private final Thread ioThread;

    FuzzExchange(FakeHttpExchange fake, byte[] body, Delivery delivery) {
      this.fake = fake;
      this.body = body;
      this.delivery = delivery;
      this.ioThread = delivery.ioThread() ? Thread.currentThread() : null;
    }

    @Override
    public String method() {
      return fake.method();
    }

    @Override
    public String path() {
      return fake.path();
    }

    @Override
    public Optional<String> query() {
      return fake.query();
    }

    @Override
    public List<String> headers(String name) {
      return fake.headers(name);
    }

    @Override
    public void readBody(BodyReceiver receiver) {
      int chunk = delivery.chunk();
      int chunks = 0;
      for (int offset = 0; offset < body.length; offset += chunk) {
        if (chunks++ == delivery.breakAfter()) {
          receiver.failed(new java.io.IOException("Invalid chunk size"));
          return;
        }
        if (!receiver.data(body, offset, Math.min(chunk, body.length - offset))) {
          return;
        }
      }
      if (chunks == delivery.breakAfter()) {
        receiver.failed(new java.io.IOException("Invalid chunk size"));
        return;
      }
      receiver.end();
    }

    @Override
    public ResponseChannel respond(int status, Map<String, String> headers) {
      return fake.respond(status, headers);
    }

    @Override
    public boolean inIoThread() {
      return Thread.currentThread() == ioThread;
    }

    @Override
    public void dispatch(java.util.concurrent.Executor executor, Runnable task) {
      if (executor == null && !inIoThread()) {
        task.run();
      } else {
        (executor == null ? recording(workers) : executor).execute(task);
      }
    }
  }

  private static boolean eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // polling deadline
    }
    return true;
  }
}
