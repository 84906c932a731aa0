package org.mcpkit.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.testing.FuzzJson;

/**
 * Fuzz properties of the JSON-RPC codec (jqwik, fixed seed {@link FuzzJson#SEED}): decoding any
 * bytes or any JSON-RPC-shaped tree never throws and yields exactly one outcome; an error answers
 * with no id (the MCP schema's "id omitted" for JSON-RPC's null) when the id cannot be read, and
 * with the request's own id otherwise; every outcome encodes; a decoded message survives an
 * encode/decode round trip.
 */
class JsonRpcCodecFuzzTest {
  /** An independent reader for the oracle: plain Jackson, no limits of ours. */
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private final JsonRpcCodec codec = JsonRpcCodec.defaults();

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return FuzzJson.bytes();
  }

  @Provide
  Arbitrary<FuzzJson.Node> envelopes() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, FuzzJson.envelope()),
        net.jqwik.api.Tuple.of(1, FuzzJson.anyJson(3)),
        net.jqwik.api.Tuple.of(1, FuzzJson.envelope().list().ofMaxSize(3).map(FuzzJson.Arr::new)));
  }

  @Property(tries = 8000, seed = FuzzJson.SEED, shrinking = ShrinkingMode.BOUNDED)
  void anyBytesDecodeToOneOutcomeThatEncodes(@ForAll("anyBytes") byte[] bytes) throws Exception {
    JsonRpcCodec.Decoded d = codec.decode(bytes);
    checkOutcome(d, readableId(bytes));
  }

  @Property(tries = 8000, seed = FuzzJson.SEED, shrinking = ShrinkingMode.BOUNDED)
  void anyEnvelopeDecodesToOneOutcomeThatEncodes(@ForAll("envelopes") FuzzJson.Node tree) throws Exception {
    byte[] bytes = tree.json().getBytes(StandardCharsets.UTF_8);
    JsonRpcCodec.Decoded d = codec.decode(bytes);
    checkOutcome(d, readableId(bytes));
    if (d.isBatch()) {
      for (JsonNode item : d.batch()) {
        checkOutcome(codec.decodeTree(item), readableId(item));
      }
    }
  }

  /** Mostly well-formed requests, notifications and responses, with any params, result or error data. */
  @Provide
  Arbitrary<FuzzJson.Node> messages() {
    Arbitrary<FuzzJson.Node> object = net.jqwik.api.Combinators.combine(FuzzJson.text(), FuzzJson.anyJson(2))
        .as(Map::entry).list().ofMaxSize(5).map(fields -> new FuzzJson.Obj(List.copyOf(fields)));
    Arbitrary<FuzzJson.Node> id = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.longs().map(l -> (FuzzJson.Node) new FuzzJson.Num(Long.toString(l)))),
        net.jqwik.api.Tuple.of(2, FuzzJson.string()),
        net.jqwik.api.Tuple.of(1, FuzzJson.id()));
    Arbitrary<FuzzJson.Node> error = net.jqwik.api.Combinators.combine(
            Arbitraries.integers(), FuzzJson.string(), FuzzJson.field("data", FuzzJson.anyJson(2), 0.5))
        .as((c, m, d) -> FuzzJson.obj(FuzzJson.field("code", new FuzzJson.Num(Integer.toString(c))),
            FuzzJson.field("message", m), d));
    return net.jqwik.api.Combinators.combine(
            FuzzJson.field("id", id, 0.7),
            Arbitraries.of("method", "result", "error"),
            FuzzJson.string(), object, error,
            Arbitraries.of(true, false))
        .as((i, kind, method, body, err, withParams) -> FuzzJson.obj(
            FuzzJson.field("jsonrpc", FuzzJson.str("2.0")),
            i,
            kind.equals("method") ? FuzzJson.field("method", method) : java.util.Optional.empty(),
            kind.equals("method") && withParams ? FuzzJson.field("params", body) : java.util.Optional.empty(),
            kind.equals("result") ? FuzzJson.field("result", body) : java.util.Optional.empty(),
            kind.equals("error") ? FuzzJson.field("error", err) : java.util.Optional.empty()));
  }

  @Property(tries = 4000, seed = FuzzJson.SEED, shrinking = ShrinkingMode.BOUNDED)
  void aDecodedMessageSurvivesARoundTrip(@ForAll("messages") FuzzJson.Node tree) {
    String text = tree.json();
    // Numbers beyond double range are read as infinities, which JSON cannot carry back.
    net.jqwik.api.Assume.that(!text.contains("e400"));
    JsonRpcCodec.Decoded d = codec.decode(text.getBytes(StandardCharsets.UTF_8));
    net.jqwik.api.Assume.that(d.ok());
    JsonRpcCodec.Decoded again = codec.decode(codec.encode(d.message()));
    assertTrue(again.ok(), () -> "re-decoding failed: " + again.error());
    // The mapper writes no null members (NON_NULL), so a member whose value is null is dropped.
    assertEquals(withoutNulls(d.message()), withoutNulls(again.message()));
  }

  private static Object withoutNulls(JsonRpcMessage m) {
    if (m instanceof JsonRpcRequest r) {
      return List.of(r.id(), r.method(), withoutNulls(r.params()));
    }
    if (m instanceof JsonRpcNotification n) {
      return List.of(n.method(), withoutNulls(n.params()));
    }
    if (m instanceof JsonRpcSuccess s) {
      return List.of(s.id(), withoutNulls(s.result()));
    }
    JsonRpcFailure f = (JsonRpcFailure) m;
    return java.util.Arrays.asList(f.id(), f.error().code(), f.error().message(), withoutNulls(f.error().data()));
  }

  private static Object withoutNulls(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        if (v != null) {
          copy.put(k, withoutNulls(v));
        }
      });
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> v == null ? "null" : withoutNulls(v)).toList();
    }
    return value;
  }

  private void checkOutcome(JsonRpcCodec.Decoded d, Optional<RequestId> readable) throws Exception {
    int outcomes = (d.message() != null ? 1 : 0) + (d.batch() != null ? 1 : 0) + (d.error() != null ? 1 : 0);
    assertEquals(1, outcomes, "exactly one of message, batch, error");
    if (d.error() != null) {
      JsonRpcFailure f = d.error();
      int code = f.error().code();
      assertTrue(code == JsonRpcErrorCodes.PARSE_ERROR || code == JsonRpcErrorCodes.INVALID_REQUEST, "code " + code);
      if (code == JsonRpcErrorCodes.PARSE_ERROR) {
        assertNull(f.id(), "a parse error has no id");
      } else if (f.id() != null) {
        assertEquals(readable, Optional.of(f.id()), "an error carries the request's own id or none");
      }
      assertTrue(f.error().message().length() <= 200, () -> "short message: " + f.error().message());
    }
    if (d.message() instanceof JsonRpcRequest r) {
      assertEquals(readable, Optional.of(r.id()));
    }
    if (d.message() != null) {
      assertNotNull(PLAIN.readTree(codec.encode(d.message())), "encodes to JSON");
    }
    if (d.error() != null) {
      JsonNode encoded = PLAIN.readTree(codec.encode(d.error()));
      assertEquals("2.0", encoded.get("jsonrpc").textValue());
      JsonNode id = encoded.get("id");
      if (d.error().id() == null) {
        assertNull(id, "no id written for an unreadable one");
      } else {
        assertEquals(d.error().id(), id.isTextual() ? RequestId.of(id.textValue()) : RequestId.of(id.longValue()));
      }
    }
    if (d.message() instanceof JsonRpcNotification n) {
      assertTrue(!n.method().isEmpty());
    }
    if (d.message() instanceof JsonRpcSuccess s) {
      assertEquals(readable, Optional.of(s.id()));
    }
  }

  /** The id a JSON-RPC peer can read from this text: a string, or an integer (also written 1.0). */
  private static Optional<RequestId> readableId(byte[] bytes) {
    try {
      return readableId(PLAIN.readTree(bytes));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static Optional<RequestId> readableId(JsonNode tree) {
    return FuzzJson.readableId(tree);
  }
}
