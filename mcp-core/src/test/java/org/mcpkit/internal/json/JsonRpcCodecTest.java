package org.mcpkit.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;

class JsonRpcCodecTest {
  private final JsonRpcCodec codec = JsonRpcCodec.defaults();

  private JsonRpcCodec.Decoded decode(String json) {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private String encode(org.mcpkit.jsonrpc.JsonRpcMessage m) {
    return new String(codec.encode(m), StandardCharsets.UTF_8);
  }

  @Test
  void decodesRequestWithIntegerId() {
    JsonRpcCodec.Decoded d =
        decode("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{\"a\":[1,2]}}");
    assertEquals(
        new JsonRpcRequest(RequestId.of(7), "tools/list", Map.of("a", List.of(1, 2))), d.message());
  }

  @Test
  void decodesRequestWithStringIdAndNoParams() {
    JsonRpcCodec.Decoded d = decode("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"ping\"}");
    assertEquals(new JsonRpcRequest(RequestId.of("x"), "ping", Map.of()), d.message());
  }

  @Test
  void decodesNotification() {
    JsonRpcCodec.Decoded d =
        decode("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3}}");
    assertEquals(
        new JsonRpcNotification("notifications/cancelled", Map.of("requestId", 3)), d.message());
  }

  @Test
  void decodesSuccessAndErrorResponses() {
    assertEquals(
        new JsonRpcSuccess(RequestId.of(1), Map.of("roots", List.of())),
        decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"roots\":[]}}").message());
    assertEquals(
        new JsonRpcFailure(RequestId.of(2), new JsonRpcError(-32000, "no", Map.of("k", "v"))),
        decode("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32000,\"message\":\"no\",\"data\":{\"k\":\"v\"}}}")
            .message());
  }

  @Test
  void malformedJsonIsParseErrorWithoutId() {
    JsonRpcCodec.Decoded d = decode("{\"jsonrpc\":\"2.0\",\"id\":1,");
    assertFalse(d.ok());
    assertNull(d.error().id());
    assertEquals(JsonRpcErrorCodes.PARSE_ERROR, d.error().error().code());
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"Parse error: invalid JSON\"}}",
        encode(d.error()));
  }

  @Test
  void trailingDataAndEmptyInputAreParseErrors() {
    assertEquals(JsonRpcErrorCodes.PARSE_ERROR, decode("{\"a\":1} {}").error().error().code());
    assertEquals(JsonRpcErrorCodes.PARSE_ERROR, decode("   ").error().error().code());
  }

  @Test
  void wrongEnvelopeIsInvalidRequestEchoingTheId() {
    JsonRpcCodec.Decoded d = decode("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"x\"}");
    assertEquals(new JsonRpcFailure(RequestId.of(5), JsonRpcError.of(-32600,
        "Invalid request: jsonrpc must be \"2.0\"")), d.error());
    assertEquals(
        JsonRpcErrorCodes.INVALID_REQUEST,
        decode("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":3}").error().error().code());
    assertEquals(
        RequestId.of(5), decode("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"m\",\"params\":[1]}").error().id());
    assertEquals(JsonRpcErrorCodes.INVALID_REQUEST, decode("\"str\"").error().error().code());
  }

  @Test
  void nullOrObjectIdIsRejected() {
    JsonRpcCodec.Decoded d = decode("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\"}");
    assertEquals(JsonRpcErrorCodes.INVALID_REQUEST, d.error().error().code());
    assertNull(d.error().id());
    assertEquals(
        JsonRpcErrorCodes.INVALID_REQUEST,
        decode("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}").error().error().code());
  }

  @Test
  void arrayIsReportedAsBatch() {
    JsonRpcCodec.Decoded d = decode("[{\"jsonrpc\":\"2.0\",\"method\":\"a\"}]");
    assertTrue(d.isBatch());
    assertEquals(1, d.batch().size());
  }

  @Test
  void oversizedMessageIsRejectedBeforeParsing() {
    JsonRpcCodec small = new JsonRpcCodec(32, 64, 1000);
    JsonRpcCodec.Decoded d =
        small.decode("{\"jsonrpc\":\"2.0\",\"method\":\"aaaaaaaaaaaaaaaaaaaaaaa\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(new JsonRpcFailure(null, JsonRpcError.of(-32600, "Message too large: the limit is 32 bytes")), d.error());
  }

  @Test
  void deepNestingFailsFast() {
    JsonRpcCodec shallow = new JsonRpcCodec(1 << 20, 16, 1000);
    String deep = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}}";
    JsonRpcCodec.Decoded d = shallow.decode(deep.getBytes(StandardCharsets.UTF_8));
    assertEquals(
        new JsonRpcFailure(null, JsonRpcError.of(-32700, "Parse error: nesting deeper than 16 levels")),
        d.error());
  }

  @Test
  void longStringFailsFast() {
    JsonRpcCodec tight = new JsonRpcCodec(1 << 20, 64, 10);
    JsonRpcCodec.Decoded d =
        tight.decode("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"s\":\"0123456789abcdef\"}}"
            .getBytes(StandardCharsets.UTF_8));
    assertEquals(
        new JsonRpcFailure(null, JsonRpcError.of(-32700, "Parse error: a string longer than 10 characters")),
        d.error());
  }

  @Test
  void longNumberFailsFast() {
    JsonRpcCodec.Decoded d =
        JsonRpcCodec.defaults()
            .decode(("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"n\":" + "9".repeat(101) + "}}")
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(
        new JsonRpcFailure(null, JsonRpcError.of(-32700, "Parse error: a number longer than 100 characters")),
        d.error());
  }

  @Test
  void duplicateKeysAreRejected() {
    assertEquals(
        JsonRpcErrorCodes.PARSE_ERROR,
        decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"m\"}").error().error().code());
  }

  @Test
  void encodesEveryKindExactly() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("b", 1);
    params.put("a", "x");
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\"m\",\"params\":{\"b\":1,\"a\":\"x\"}}",
        encode(new JsonRpcRequest(RequestId.of("r1"), "m", params)));
    assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"n\"}", encode(new JsonRpcNotification("n", Map.of())));
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}",
        encode(new JsonRpcSuccess(RequestId.of(3), Map.of())));
    assertEquals(
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}",
        encode(new JsonRpcFailure(RequestId.of(4), JsonRpcError.of(-32601, "Method not found"))));
  }

  @Test
  void encodedMessagesHaveNoRawNewlines() {
    String s = encode(new JsonRpcNotification("n", Map.of("text", "line1\nline2")));
    assertFalse(s.contains("\n"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":{\"text\":\"line1\\nline2\"}}", s);
  }

  @Test
  void requestParamsAreImmutableCopies() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("list", new java.util.ArrayList<>(List.of(1)));
    JsonRpcRequest r = new JsonRpcRequest(RequestId.of(1), "m", params);
    params.put("x", 2);
    assertEquals(Map.of("list", List.of(1)), r.params());
    org.junit.jupiter.api.Assertions.assertThrows(
        UnsupportedOperationException.class, () -> r.params().put("y", 1));
  }
}
