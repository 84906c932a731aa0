package org.mcpkit.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.RequestId;

/**
 * A single message is read without a tree; batch elements still come as trees. Both must give the
 * same answer for every shape, member set to null and number form.
 */
class StreamingDecodeTest {
  private final JsonRpcCodec codec = JsonRpcCodec.defaults();

  private JsonRpcCodec.Decoded streamed(String json) {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private JsonRpcCodec.Decoded viaTree(String json) throws Exception {
    JsonNode tree = Json.mapper().readTree(json);
    return codec.decodeTree(tree);
  }

  /** What a decode says, as text: the message or the failure. */
  private static String outcome(JsonRpcCodec.Decoded d) {
    return d.error() != null ? "error " + d.error().error().code() + " " + d.error().error().message() + " id=" + d.error().id()
        : d.message().toString();
  }

  @Test
  void streamedAndTreeDecodesAgreeExactly() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    String req = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":";
    expected.put(req + "1.0}", "id=1");
    expected.put(req + "-0.0}", "id=0");
    expected.put(req + "9007199254740991}", "id=9007199254740991");
    expected.put(req + "9223372036854775807}", "id=9223372036854775807");
    expected.put(req + "9223372036854775808}", "error -32600 Invalid request: id must be a string or integer id=null");
    expected.put(req + "1e20}", "error -32600 Invalid request: id must be a string or integer id=null");
    expected.put(req + "1.5}", "error -32600 Invalid request: id must be a string or integer id=null");
    expected.put(req + "null}", "error -32600 Invalid request: id must be a string or integer id=null");
    expected.put(req + "true}", "error -32600 Invalid request: id must be a string or integer id=null");
    expected.put(req + "\"a\"}", "id=\"a\"");
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}", "error -32600 Invalid request: method must be a string id=1");
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\"}", "error -32600 Invalid request: method must be a string id=1");
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":null}", "params={}");
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[1]}", "error -32600 Invalid request: params must be an object id=1");
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"result\":null}", "error -32600 Invalid request: unexpected result or error id=1");
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}", "error -32600 Invalid response: result must be an object id=1");
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1.5,\"message\":\"x\"}}", "error -32600 Invalid request: not a request, notification or response id=1");
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":3000000000,\"message\":\"x\"}}", "error -32600 Invalid request: not a request, notification or response id=1");
    expected.put("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":5,\"message\":\"x\",\"data\":[null,{\"a\":1}]},\"result\":null}", "error -32600 Invalid request: not a request, notification or response id=1");
    expected.put("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"m\"}", "error -32600 Invalid request: jsonrpc must be \"2.0\" id=1");
    expected.put("{\"id\":\"x\",\"method\":\"m\"}", "error -32600 Invalid request: jsonrpc must be \"2.0\" id=\"x\"");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String s = outcome(streamed(e.getKey()));
      String t = outcome(viaTree(e.getKey()));
      assertEquals(t, s, "streamed and tree decodes of " + e.getKey());
      assertEquals(true, s.contains(e.getValue()), e.getKey() + " gave " + s);
    }
  }

  @Test
  void valuesKeepTheirOrderNullsAndNumberTypes() {
    JsonRpcCodec.Decoded d = streamed("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"m\",\"params\":"
        + "{\"z\":1,\"a\":[1,3000000000,18446744073709551616,0.5,\"s\",true,null,{}],\"n\":null}}");
    JsonRpcRequest r = (JsonRpcRequest) d.message();
    assertEquals(List.of("z", "a", "n"), List.copyOf(r.params().keySet()));
    assertEquals(Arrays.asList(1, 3000000000L, new BigInteger("18446744073709551616"), 0.5, "s", true, null, Map.of()),
        r.params().get("a"));
    assertEquals(true, r.params().containsKey("n"));
    assertEquals(null, r.params().get("n"));
    assertEquals(RequestId.of(2), r.id());
  }

  @Test
  void anErrorKeepsItsData() {
    JsonRpcCodec.Decoded d = streamed("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"x\",\"data\":{\"k\":[1]}}}");
    assertEquals(new JsonRpcFailure(RequestId.of(1), new JsonRpcError(-32000, "x", Map.of("k", List.of(1)))), d.message());
  }

  @Test
  void parseFailuresOfTheStreamedPath() {
    assertEquals("error -32700 Parse error: invalid JSON id=null", outcome(streamed("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"m\"}")));
    assertEquals("error -32700 Parse error: trailing data id=null", outcome(streamed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"} {}")));
    assertEquals("error -32700 Parse error: invalid JSON id=null", outcome(streamed("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"")));
    assertEquals("error -32700 Parse error: nesting deeper than " + Json.DEFAULT_MAX_DEPTH + " levels id=null",
        outcome(streamed("{\"a\":" + "[".repeat(Json.DEFAULT_MAX_DEPTH + 5) + "]".repeat(Json.DEFAULT_MAX_DEPTH + 5) + "}")));
  }
}
