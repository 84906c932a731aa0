package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Base64-encoded image content.
 *
 * @param data base64 data
 * @param mimeType the MIME type
 * @param annotations annotations; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageContent(
    @JsonProperty("data") String data,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("_meta") Map<String, Object> meta) implements Content {

  /** Validates and copies the components. */
  public ImageContent {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(mimeType, "mimeType");
    meta = meta == null ? null : Wire.copy(meta);
  }

  @Override
  @JsonProperty("type")
  public String type() {
    return "image";
  }
}
