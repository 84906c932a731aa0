package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.mcpkit.internal.json.Json;
import org.mcpkit.jsonrpc.JsonRpcMessage;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.server.McpServer;

/** Sends modern requests straight to a server's dispatcher and reads results as JSON trees. */
final class TestClient {
  static final ObjectMapper MAPPER = Json.mapper();
  final Dispatcher dispatcher;
  final TransportContext context = TransportContext.anonymous();
  private final AtomicLong ids = new AtomicLong();
  Map<String, Object> capabilities = Map.of();
  String version = "2026-07-28";

  TestClient(McpServer server) {
    this.dispatcher = Dispatchers.of(server);
  }

  static Map<String, Object> json(String json) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = MAPPER.readValue(json, Map.class);
      return map;
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  Map<String, Object> meta(Map<String, Object> extra) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("io.modelcontextprotocol/protocolVersion", version);
    meta.put("io.modelcontextprotocol/clientCapabilities", capabilities);
    meta.put("io.modelcontextprotocol/clientInfo", Map.of("name", "test", "version", "1"));
    meta.putAll(extra);
    return meta;
  }

  JsonRpcRequest request(String method, Map<String, Object> params) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    @SuppressWarnings("unchecked")
    Map<String, Object> extraMeta = (Map<String, Object>) p.getOrDefault("_meta", Map.of());
    p.put("_meta", meta(extraMeta));
    return new JsonRpcRequest(RequestId.of(ids.incrementAndGet()), method, p);
  }

  RecordingSink send(JsonRpcRequest request) {
    RecordingSink sink = new RecordingSink();
    dispatcher.dispatch(request, context, sink);
    return sink;
  }

  /** Sends and returns the whole response message as a JSON tree. */
  JsonNode call(String method, Map<String, Object> params) throws Exception {
    return tree(send(request(method, params)).await());
  }

  JsonNode call(String method, String paramsJson) throws Exception {
    return call(method, json(paramsJson));
  }

  JsonNode tree(JsonRpcMessage message) throws Exception {
    byte[] bytes = dispatcher.codec().encode(message);
    return MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
