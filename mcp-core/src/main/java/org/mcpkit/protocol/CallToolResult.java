package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a tool call.
 *
 * @param content content blocks, possibly empty
 * @param structuredContent structured output; null when absent
 * @param isError true when the tool failed; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallToolResult(
    @JsonProperty("content") List<Content> content,
    @JsonProperty("structuredContent") Object structuredContent,
    @JsonProperty("isError") Boolean isError,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public CallToolResult {
    content = List.copyOf(Objects.requireNonNull(content, "content"));
    meta = meta == null ? null : Wire.copy(meta);
  }

  /** A successful result with one text block. */
  public static CallToolResult text(String text) {
    return new CallToolResult(List.of(TextContent.of(text)), null, null, null);
  }

  /** A failed result the model can read and act on. */
  public static CallToolResult error(String text) {
    return new CallToolResult(List.of(TextContent.of(text)), null, true, null);
  }

  /** A successful result with the given blocks. */
  public static CallToolResult of(Content... content) {
    return new CallToolResult(List.of(content), null, null, null);
  }

  /** A structured result, with a text rendering for clients that do not read structured output. */
  public static CallToolResult structured(Object value, String textFallback) {
    return new CallToolResult(List.of(TextContent.of(textFallback)), Objects.requireNonNull(value, "value"), null, null);
  }
}
