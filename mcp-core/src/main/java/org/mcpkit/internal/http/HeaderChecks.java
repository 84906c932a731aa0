package org.mcpkit.internal.http;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.http.McpHeaders;

/**
 * 2026-07-28 request-metadata headers: {@code Mcp-Method}, {@code Mcp-Name} and {@code
 * Mcp-Param-*} must match the body. Returns the first mismatch as a message, or empty.
 */
final class HeaderChecks {
  private HeaderChecks() {}

  static Optional<String> check(
      JsonRpcRequest request,
      Function<String, List<String>> headers,
      Function<String, Optional<Tool>> tools) {
    Optional<String> method = single(headers.apply(McpHeaders.METHOD));
    if (method.isEmpty()) {
      return Optional.of("Header mismatch: Mcp-Method header is required");
    }
    if (!method.get().equals(request.method())) {
      return Optional.of("Header mismatch: Mcp-Method does not match the request method");
    }
    String nameField = nameField(request.method());
    if (nameField != null) {
      Object bodyName = request.params().get(nameField);
      Optional<String> header = single(headers.apply(McpHeaders.NAME));
      if (header.isEmpty()) {
        return Optional.of("Header mismatch: Mcp-Name header is required");
      }
      Optional<String> decoded = decode(header.get());
      if (decoded.isEmpty()) {
        return Optional.of("Header mismatch: Mcp-Name is not validly encoded");
      }
      if (!(bodyName instanceof String s) || !s.equals(decoded.get())) {
        return Optional.of("Header mismatch: Mcp-Name does not match the request");
      }
    }
    if (McpMethods.TOOLS_CALL.equals(request.method())
        && request.params().get("name") instanceof String toolName) {
      Optional<Tool> tool = tools.apply(toolName);
      if (tool.isPresent()) {
        return checkParams(tool.get(), request.params().get("arguments"), headers);
      }
    }
    return Optional.empty();
  }

  private static String nameField(String method) {
    switch (method) {
      case McpMethods.TOOLS_CALL:
      case McpMethods.PROMPTS_GET:
        return "name";
      case McpMethods.RESOURCES_READ:
        return "uri";
      case McpMethods.TASKS_GET:
      case McpMethods.TASKS_UPDATE:
      case McpMethods.TASKS_CANCEL:
        return "taskId";
      default:
        return null;
    }
  }

  private static Optional<String> single(List<String> values) {
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).trim());
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> checkParams(
      Tool tool, Object arguments, Function<String, List<String>> headers) {
    Object props = tool.inputSchema().get("properties");
    if (!(props instanceof Map<?, ?> properties)) {
      return Optional.empty();
    }
    Map<String, Object> args = arguments instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    for (Map.Entry<?, ?> e : properties.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> prop) || !(prop.get("x-mcp-header") instanceof String suffix)) {
        continue;
      }
      Object value = args.get(String.valueOf(e.getKey()));
      Optional<String> header = single(headers.apply(McpHeaders.PARAM_PREFIX + suffix));
      if (value == null) {
        continue;
      }
      if (header.isEmpty()) {
        return Optional.of("Header mismatch: " + McpHeaders.PARAM_PREFIX + suffix + " header is required");
      }
      Optional<String> decoded = decode(header.get());
      if (decoded.isEmpty()) {
        return Optional.of("Header mismatch: " + McpHeaders.PARAM_PREFIX + suffix + " is not validly encoded");
      }
      if (!matches(value, decoded.get())) {
        return Optional.of("Header mismatch: " + McpHeaders.PARAM_PREFIX + suffix + " does not match the arguments");
      }
    }
    return Optional.empty();
  }

  private static boolean matches(Object value, String header) {
    if (value instanceof String s) {
      return s.equals(header);
    }
    if (value instanceof Boolean b) {
      return b.toString().equals(header);
    }
    if (value instanceof Number n) {
      try {
        return new BigDecimal(n.toString()).compareTo(new BigDecimal(header)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  /** Standard base64 alphabet, padded to a multiple of 4, at most two {@code =} at the end only. */
  static boolean strictBase64(String b64) {
    int n = b64.length();
    if (n % 4 != 0) {
      return false;
    }
    int end = n;
    if (end > 0 && b64.charAt(end - 1) == '=') {
      end--;
      if (end > 0 && b64.charAt(end - 1) == '=') {
        end--;
      }
    }
    for (int i = 0; i < end; i++) {
      char c = b64.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes the {@code =?base64?...?=} sentinel (markers case-sensitive; strict base64 with
   * padding; the result must be UTF-8). Other values are taken literally but must be visible ASCII
   * or spaces.
   */
  static Optional<String> decode(String value) {
    if (value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
      String b64 = value.substring(9, value.length() - 2);
      if (!strictBase64(b64)) {
        return Optional.empty();
      }
      try {
        byte[] bytes = Base64.getDecoder().decode(b64);
        return Optional.of(
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString());
      } catch (IllegalArgumentException | CharacterCodingException e) {
        return Optional.empty();
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }
}
