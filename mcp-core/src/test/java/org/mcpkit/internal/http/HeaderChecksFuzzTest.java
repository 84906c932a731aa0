package org.mcpkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import org.mcpkit.internal.json.JsonRpcCodec;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.protocol.Tool;
import org.mcpkit.testing.FuzzJson;
import org.mcpkit.testing.FuzzJson.Node;

/**
 * Fuzz properties of the 2026-07-28 header checks (jqwik, fixed seed {@link FuzzJson#SEED}):
 * arbitrary header values, names and arguments never make the check throw and every refusal is one
 * short fixed message; correctly encoded headers (literal visible ASCII, else the {@code
 * =?base64?…?=} sentinel) always pass; a passing {@code Mcp-Name} always decodes to the body's
 * name; the sentinel decodes any text it encodes, and strict base64 never lets the decoder fail.
 */
class HeaderChecksFuzzTest {
  private static final JsonRpcCodec CODEC = JsonRpcCodec.defaults();
  private static final List<String> NAMED = List.of("tools/call", "prompts/get", "resources/read");
  /** The tool of every case: three arguments mirrored into {@code Mcp-Param-*} headers. */
  private static final Tool TOOL = Tool.builder("t", Map.of(
          "type", "object",
          "properties", Map.of(
              "region", Map.of("type", "string", "x-mcp-header", "Region"),
              "count", Map.of("type", "number", "x-mcp-header", "Count"),
              "flag", Map.of("type", "boolean", "x-mcp-header", "Flag"),
              "text", Map.of("type", "string"),
              "odd", Map.of("x-mcp-header", 7))))
      .build();
  private static final List<String> PARAMS = List.of("region", "count", "flag");

  /** A request and the headers sent with it. */
  record Case(JsonRpcRequest request, Map<String, List<String>> headers) {}

  // ------------------------------------------------------------------ generators

  /** Names and argument values as a client may send them, some of no valid shape at all. */
  private static Arbitrary<Node> argument(String key) {
    Arbitrary<Node> typed = switch (key) {
      case "count" -> FuzzJson.number();
      case "flag" -> Arbitraries.of("true", "false").map(FuzzJson.Lit::new);
      default -> FuzzJson.string();
    };
    return Arbitraries.frequencyOf(
        Tuple.of(6, typed), Tuple.of(2, FuzzJson.scalar()), Tuple.of(1, FuzzJson.anyJson(2)));
  }

  private static Arbitrary<JsonRpcRequest> requests() {
    Arbitrary<String> method = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(NAMED)), Tuple.of(1, Arbitraries.of("tools/list", "ping")), Tuple.of(1, FuzzJson.text()));
    Arbitrary<Node> arguments = Combinators.combine(
            FuzzJson.field("region", argument("region"), 0.8),
            FuzzJson.field("count", argument("count"), 0.6),
            FuzzJson.field("flag", argument("flag"), 0.6),
            FuzzJson.field("text", FuzzJson.string(), 0.5))
        .as((a, b, c, d) -> (Node) FuzzJson.obj(a, b, c, d));
    Arbitrary<Node> name = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(FuzzJson.str("t"))),
        Tuple.of(6, FuzzJson.string()), Tuple.of(1, FuzzJson.anyJson(1)));
    return Combinators.combine(method, name, FuzzJson.orWild(arguments), Arbitraries.of(true, false))
        .as((m, n, args, useUri) -> {
          Node params = FuzzJson.obj(
              FuzzJson.field(useUri ? "uri" : "name", n),
              FuzzJson.field("arguments", args));
          String json = FuzzJson.obj(
              FuzzJson.field("jsonrpc", FuzzJson.str("2.0")),
              FuzzJson.field("id", new FuzzJson.Num("1")),
              FuzzJson.field("method", FuzzJson.str(m)),
              FuzzJson.field("params", params)).json();
          JsonRpcCodec.Decoded d = CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
          return d.message() instanceof JsonRpcRequest r ? r : null;
        })
        .filter(r -> r != null);
  }

  /** Header values of every kind: any text (controls, non-ASCII, long), sentinels with bad base64. */
  private static Arbitrary<String> anyHeaderValue() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, FuzzJson.text()),
        Tuple.of(2, FuzzJson.text().map(s -> "=?base64?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=")),
        Tuple.of(2, Arbitraries.strings().withChars("ABCab09+/=-_?! \t").ofMaxLength(14).map(s -> "=?base64?" + s + "?=")),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(12)
            .map(b -> "=?base64?" + Base64.getEncoder().encodeToString(b) + "?=")),
        Tuple.of(1, Arbitraries.of("=?base64?", "=?base64??=", "=?BASE64?dA==?=", " t ", "t\r\n", "=?base64?dA==?= ")));
  }

  /** How one header is sent: not at all, right, anything, several values, or right with extras. */
  enum Way { ABSENT, RIGHT, ANY, SEVERAL, RIGHT_THEN_ANY, PADDED }

  /** A plan for one header: the way, and the values "anything" draws from. */
  record Plan(Way way, List<String> values) {
    List<String> apply(Optional<String> right) {
      Way w = right.isEmpty() && (way == Way.RIGHT || way == Way.RIGHT_THEN_ANY || way == Way.PADDED) ? Way.ANY : way;
      return switch (w) {
        case ABSENT -> List.of();
        case RIGHT -> List.of(right.orElseThrow());
        case ANY -> List.of(values.get(0));
        case SEVERAL -> values;
        case RIGHT_THEN_ANY -> List.of(right.orElseThrow(), values.get(0));
        case PADDED -> List.of("  " + right.orElseThrow() + " ");
      };
    }
  }

  private static Arbitrary<Plan> plan() {
    Arbitrary<Way> way = Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(Way.ABSENT)), Tuple.of(6, Arbitraries.just(Way.RIGHT)), Tuple.of(3, Arbitraries.just(Way.ANY)),
        Tuple.of(1, Arbitraries.just(Way.SEVERAL)), Tuple.of(1, Arbitraries.just(Way.RIGHT_THEN_ANY)),
        Tuple.of(1, Arbitraries.just(Way.PADDED)));
    return Combinators.combine(way, anyHeaderValue().list().ofMinSize(2).ofMaxSize(3)).as(Plan::new);
  }

  /** A request with every header sent one of the ways (the right value is the client's, see below). */
  @Provide
  Arbitrary<Case> anyCase() {
    return Combinators.combine(requests(), plan().list().ofSize(5)).as((r, plans) -> {
      Map<String, Optional<String>> right = rightHeaders(r);
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      int i = 0;
      for (Map.Entry<String, Optional<String>> e : right.entrySet()) {
        List<String> values = plans.get(i++).apply(e.getValue());
        if (!values.isEmpty()) {
          headers.put(e.getKey(), values);
        }
      }
      return new Case(r, headers);
    });
  }

  @Provide
  Arbitrary<Case> rightCase() {
    return requests()
        .filter(r -> rightHeaders(r).values().stream().allMatch(Optional::isPresent))
        .map(r -> {
          Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          rightHeaders(r).forEach((name, value) -> headers.put(name, List.of(value.orElseThrow())));
          return new Case(r, headers);
        });
  }

  // ------------------------------------------------------------------ properties

  @Property(tries = 8000, seed = FuzzJson.SEED, shrinking = ShrinkingMode.BOUNDED)
  void anyHeadersGetAnAnswerWithoutThrowing(@ForAll("anyCase") Case c) {
    Optional<String> refusal = HeaderChecks.check(c.request(), name -> c.headers().getOrDefault(name, List.of()),
        name -> "t".equals(name) ? Optional.of(TOOL) : Optional.empty());
    refusal.ifPresent(m -> {
      assertTrue(m.startsWith("Header mismatch: ") && m.length() <= 80, () -> "a short fixed message: " + m);
    });
    if (refusal.isEmpty() && NAMED.contains(c.request().method())) {
      String field = c.request().method().equals("resources/read") ? "uri" : "name";
      Object body = c.request().params().get(field);
      String header = c.headers().get("Mcp-Name").get(0).trim();
      assertEquals(Optional.of(body), oracleDecode(header), "a passing Mcp-Name decodes to the body's " + field);
    }
  }

  @Property(tries = 4000, seed = FuzzJson.SEED, shrinking = ShrinkingMode.BOUNDED)
  void correctlyEncodedHeadersPass(@ForAll("rightCase") Case c) {
    Optional<String> refusal = HeaderChecks.check(c.request(), name -> c.headers().getOrDefault(name, List.of()),
        name -> "t".equals(name) ? Optional.of(TOOL) : Optional.empty());
    assertEquals(Optional.empty(), refusal, () -> "headers " + c.headers());
  }

  @Provide
  Arbitrary<String> wellFormedText() {
    return FuzzJson.text().filter(HeaderChecksFuzzTest::wellFormed);
  }

  @Property(tries = 4000, seed = FuzzJson.SEED, shrinking = ShrinkingMode.BOUNDED)
  void theSentinelDecodesWhatItEncodes(@ForAll("wellFormedText") String s, @ForAll("anyHeaderValue") String any) {
    String sentinel = "=?base64?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    assertEquals(Optional.of(s), HeaderChecks.decode(sentinel));
    Optional<String> decoded = HeaderChecks.decode(any);
    decoded.ifPresent(d -> assertEquals(oracleDecode(any), decoded, "decodes as the sentinel rules say"));
    if (any.startsWith("=?base64?") && any.endsWith("?=") && any.length() >= 11) {
      String b64 = any.substring(9, any.length() - 2);
      if (HeaderChecks.strictBase64(b64)) {
        Base64.getDecoder().decode(b64); // strict base64 is always decodable
      }
    }
  }

  @Provide("anyHeaderValue")
  Arbitrary<String> anyHeaderValueProvider() {
    return anyHeaderValue();
  }

  // ------------------------------------------------------------------ the client's side (oracle)

  /** The headers a correct client sends for {@code r}; empty where no correct value exists. */
  private static Map<String, Optional<String>> rightHeaders(JsonRpcRequest r) {
    Map<String, Optional<String>> headers = new java.util.LinkedHashMap<>();
    // Method names are sent as they are (no sentinel): only a plain one can be matched.
    headers.put("Mcp-Method", encode(r.method()).filter(r.method()::equals));
    if (NAMED.contains(r.method())) {
      Object name = r.params().get(r.method().equals("resources/read") ? "uri" : "name");
      headers.put("Mcp-Name", name instanceof String s ? encode(s) : Optional.empty());
    }
    if (r.method().equals("tools/call") && "t".equals(r.params().get("name"))
        && r.params().get("arguments") instanceof Map<?, ?> args) {
      for (String p : PARAMS) {
        Object v = args.get(p);
        String header = "Mcp-Param-" + Character.toUpperCase(p.charAt(0)) + p.substring(1);
        if (v == null) {
          continue;
        }
        if (v instanceof String s) {
          headers.put(header, encode(s));
        } else if (v instanceof Boolean || v instanceof Number n && !(v instanceof Double d && !Double.isFinite(d))) {
          headers.put(header, Optional.of(v.toString()));
        } else {
          headers.put(header, Optional.empty()); // objects, arrays, infinities: no header can match
        }
      }
    }
    return headers;
  }

  /** Literal when plain visible ASCII without edge spaces, else the base64 sentinel; none for broken UTF-16. */
  private static Optional<String> encode(String s) {
    if (!wellFormed(s)) {
      return Optional.empty();
    }
    boolean literal = !s.startsWith("=?base64?") && s.equals(s.trim())
        && s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    return Optional.of(literal ? s
        : "=?base64?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=");
  }

  private static boolean wellFormed(String s) {
    try {
      StandardCharsets.UTF_16.newEncoder().onMalformedInput(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(s));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  /** What a header value means under the sentinel rules, read independently of the engine. */
  private static Optional<String> oracleDecode(String v) {
    if (v.startsWith("=?base64?") && v.endsWith("?=") && v.length() >= 11) {
      String b64 = v.substring(9, v.length() - 2);
      if (b64.length() % 4 != 0 || !b64.matches("[A-Za-z0-9+/]*={0,2}")) {
        return Optional.empty();
      }
      try {
        return Optional.of(StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(Base64.getDecoder().decode(b64))).toString());
      } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
        return Optional.empty();
      }
    }
    return v.chars().allMatch(c -> c >= 0x20 && c <= 0x7e) ? Optional.of(v) : Optional.empty();
  }
}
