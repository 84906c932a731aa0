package org.mcpkit.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcResponse;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;

/**
 * Strict JSON-RPC 2.0 codec. Decoding never throws for bad input: it returns a {@link Decoded}
 * holding either the message or the error response to send. Thread-safe.
 */
public final class JsonRpcCodec {
  private final ObjectMapper mapper;
  private final PlainJson plainJson;
  private final int maxMessageBytes;
  private final int maxDepth;
  private final int maxStringLength;

  /** Creates a codec with the given bounds. */
  public JsonRpcCodec(int maxMessageBytes, int maxDepth, int maxStringLength) {
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes must be positive");
    }
    this.maxMessageBytes = maxMessageBytes;
    this.maxDepth = maxDepth;
    this.maxStringLength = maxStringLength;
    this.mapper =
        maxDepth == Json.DEFAULT_MAX_DEPTH && maxStringLength == Json.DEFAULT_MAX_STRING_LENGTH
            ? Json.mapper()
            : Json.create(maxDepth, maxStringLength);
    this.plainJson = new PlainJson(mapper);
  }

  /** A codec with default limits (4 MiB messages). */
  public static JsonRpcCodec defaults() {
    return new JsonRpcCodec(4 * 1024 * 1024, Json.DEFAULT_MAX_DEPTH, Json.DEFAULT_MAX_STRING_LENGTH);
  }

  /** The mapper behind this codec. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** The maximum accepted message size in bytes. */
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  /** The outcome of decoding one message: exactly one of message, batch or error is set. */
  public record Decoded(JsonRpcMessage message, List<JsonNode> batch, JsonRpcFailure error) {
    /** True when decoding produced a message. */
    public boolean ok() {
      return message != null;
    }

    /** True when the input was a JSON array. */
    public boolean isBatch() {
      return batch != null;
    }

    static Decoded of(JsonRpcMessage m) {
      return new Decoded(m, null, null);
    }

    static Decoded failure(RequestId id, int code, String message) {
      return new Decoded(null, null, new JsonRpcFailure(id, JsonRpcError.of(code, message)));
    }
  }

  /** Decodes one JSON-RPC message. A JSON array is reported as a batch for the caller to judge. */
  public Decoded decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** Decodes one JSON-RPC message from a slice of a byte array. */
  public Decoded decode(byte[] bytes, int offset, int length) {
    if (length > maxMessageBytes) {
      return Decoded.failure(null, JsonRpcErrorCodes.INVALID_REQUEST, tooLargeMessage(maxMessageBytes));
    }
    JsonNode tree;
    try (JsonParser parser = mapper.getFactory().createParser(bytes, offset, length)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return Decoded.failure(null, JsonRpcErrorCodes.PARSE_ERROR, "Parse error: empty message");
      }
      if (first == JsonToken.START_OBJECT) {
        // the common case, read without a tree
        Map<String, Object> object = plainJson.readObject(parser);
        if (parser.nextToken() != null) {
          return Decoded.failure(null, JsonRpcErrorCodes.PARSE_ERROR, "Parse error: trailing data");
        }
        return decodeObject(object);
      }
      tree = mapper.readTree(parser);
      if (parser.nextToken() != null) {
        return Decoded.failure(null, JsonRpcErrorCodes.PARSE_ERROR, "Parse error: trailing data");
      }
    } catch (StreamConstraintsException e) {
      return Decoded.failure(null, JsonRpcErrorCodes.PARSE_ERROR, constraintMessage(e));
    } catch (JsonProcessingException e) {
      return Decoded.failure(null, JsonRpcErrorCodes.PARSE_ERROR, "Parse error: invalid JSON");
    } catch (IOException e) {
      return Decoded.failure(null, JsonRpcErrorCodes.PARSE_ERROR, "Parse error");
    }
    if (tree.isArray()) {
      List<JsonNode> items = new java.util.ArrayList<>(tree.size());
      tree.forEach(items::add);
      return new Decoded(null, List.copyOf(items), null);
    }
    return decodeTree(tree);
  }

  /** The error message for a message over {@code limit} bytes. */
  public static String tooLargeMessage(int limit) {
    return "Message too large: the limit is " + limit + " bytes";
  }

  /** Names the limit that was hit, without echoing Jackson's text to the client. */
  private String constraintMessage(StreamConstraintsException e) {
    String detail = String.valueOf(e.getMessage());
    if (detail.startsWith("Document nesting depth")) {
      return "Parse error: nesting deeper than " + maxDepth + " levels";
    }
    if (detail.startsWith("String value length")) {
      return "Parse error: a string longer than " + maxStringLength + " characters";
    }
    if (detail.startsWith("Number value length")) {
      return "Parse error: a number longer than " + Json.MAX_NUMBER_LENGTH + " characters";
    }
    return "Parse error: message exceeds nesting or size limits";
  }

  /** Decodes one message from a parsed tree (also used for batch elements). */
  public Decoded decodeTree(JsonNode tree) {
    if (!(tree instanceof ObjectNode obj)) {
      return Decoded.failure(
          null, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: expected a JSON object");
    }
    return decodeObject(toMap(obj));
  }

  /** Decodes one message from its object read as plain values (a member set to JSON null is present). */
  @SuppressWarnings("unchecked")
  private Decoded decodeObject(Map<String, Object> obj) {
    boolean idPresent = obj.containsKey("id");
    RequestId id = idPresent ? requestId(obj.get("id")) : null;
    boolean idValid = id != null;
    if (!"2.0".equals(obj.get("jsonrpc"))) {
      return Decoded.failure(
          id, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: jsonrpc must be \"2.0\"");
    }
    if (idPresent && !idValid) {
      return Decoded.failure(
          null, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: id must be a string or integer");
    }
    if (obj.containsKey("method")) {
      if (!(obj.get("method") instanceof String method) || method.isEmpty()) {
        return Decoded.failure(
            id, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: method must be a string");
      }
      Object params = obj.get("params");
      Map<String, Object> paramMap;
      if (params == null) {
        paramMap = Map.of();
      } else if (params instanceof Map<?, ?> m) {
        paramMap = (Map<String, Object>) m;
      } else {
        return Decoded.failure(
            id, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: params must be an object");
      }
      if (obj.containsKey("result") || obj.containsKey("error")) {
        return Decoded.failure(
            id, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: unexpected result or error");
      }
      return idPresent
          ? Decoded.of(new JsonRpcRequest(id, method, paramMap))
          : Decoded.of(new JsonRpcNotification(method, paramMap));
    }
    boolean hasResult = obj.containsKey("result");
    boolean hasError = obj.containsKey("error");
    if (hasResult && !hasError && idValid) {
      if (!(obj.get("result") instanceof Map<?, ?> result)) {
        return Decoded.failure(
            id, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid response: result must be an object");
      }
      return Decoded.of(new JsonRpcSuccess(id, (Map<String, Object>) result));
    }
    if (hasError && !hasResult && obj.get("error") instanceof Map<?, ?> error
        && error.get("code") instanceof Integer code && error.get("message") instanceof String message) {
      return Decoded.of(new JsonRpcFailure(id, new JsonRpcError(code, message, error.get("data"))));
    }
    return Decoded.failure(
        id, JsonRpcErrorCodes.INVALID_REQUEST, "Invalid request: not a request, notification or response");
  }

  /** A JSON-RPC id from its plain value: a string, or a whole number that fits a long exactly; else null. */
  private static RequestId requestId(Object value) {
    if (value instanceof String s) {
      return RequestId.of(s);
    }
    if (value instanceof Integer || value instanceof Long) {
      return RequestId.of(((Number) value).longValue());
    }
    if (value instanceof java.math.BigInteger big && big.bitLength() < 64) {
      return RequestId.of(big.longValue());
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
        return RequestId.of((long) d);
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> toMap(ObjectNode node) {
    Map<String, Object> map = new LinkedHashMap<>(node.size() * 2);
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), plain(e.getValue()));
    }
    return map;
  }

  /**
   * A parsed tree as plain Java values, the same ones {@code convertValue(node, Object.class)}
   * gives (maps keep their order; numbers as the parser typed them: Integer, Long, BigInteger,
   * Double, or BigDecimal when the mapper reads floats as decimals), without its token buffer.
   */
  private Object plain(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        return toMap((ObjectNode) node);
      case ARRAY:
        java.util.List<Object> list = new java.util.ArrayList<>(node.size());
        for (JsonNode item : node) {
          list.add(plain(item));
        }
        return list;
      case STRING:
        return node.textValue();
      case NUMBER:
        return node.numberValue();
      case BOOLEAN:
        return node.booleanValue();
      case NULL:
        return null;
      default:
        return mapper.convertValue(node, Object.class); // binary or POJO nodes: not from a parser
    }
  }

  /** Encodes a message to UTF-8 JSON bytes (one line: no raw newlines). */
  public byte[] encode(JsonRpcMessage message) {
    Objects.requireNonNull(message, "message");
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
      write(g, message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void write(JsonGenerator g, JsonRpcMessage message) throws IOException {
    g.writeStartObject();
    g.writeStringField("jsonrpc", "2.0");
    if (message instanceof JsonRpcRequest r) {
      writeId(g, r.id());
      g.writeStringField("method", r.method());
      if (!r.params().isEmpty()) {
        g.writeFieldName("params");
        mapper.writeValue(g, r.params());
      }
    } else if (message instanceof JsonRpcNotification n) {
      g.writeStringField("method", n.method());
      if (!n.params().isEmpty()) {
        g.writeFieldName("params");
        mapper.writeValue(g, n.params());
      }
    } else if (message instanceof JsonRpcSuccess s) {
      writeId(g, s.id());
      g.writeFieldName("result");
      mapper.writeValue(g, s.result());
    } else if (message instanceof JsonRpcFailure f) {
      if (f.id() != null) {
        writeId(g, f.id());
      }
      g.writeFieldName("error");
      mapper.writeValue(g, f.error());
    }
    g.writeEndObject();
  }

  private static void writeId(JsonGenerator g, RequestId id) throws IOException {
    if (id instanceof RequestId.NumberId n) {
      g.writeNumberField("id", n.value());
    } else {
      g.writeStringField("id", ((RequestId.StringId) id).value());
    }
  }

  /** Convenience: the error response for the given request id. */
  public static JsonRpcResponse failure(RequestId id, int code, String message) {
    return new JsonRpcFailure(id, JsonRpcError.of(code, message));
  }
}
