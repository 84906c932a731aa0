package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Text content.
 *
 * @param text the text
 * @param annotations annotations; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextContent(
    @JsonProperty("text") String text,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("_meta") Map<String, Object> meta) implements Content {

  /** Validates and copies the components. */
  public TextContent {
    Objects.requireNonNull(text, "text");
    meta = meta == null ? null : Wire.copy(meta);
  }

  /** Plain text content. */
  public static TextContent of(String text) {
    return new TextContent(text, null, null);
  }

  @Override
  @JsonProperty("type")
  public String type() {
    return "text";
  }
}
