package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Text contents of a resource.
 *
 * @param uri the resource URI
 * @param mimeType the MIME type; null when absent
 * @param text the text
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextResourceContents(
    @JsonProperty("uri") String uri,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("text") String text,
    @JsonProperty("_meta") Map<String, Object> meta) implements ResourceContents {

  /** Validates and copies the components. */
  public TextResourceContents {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(text, "text");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
