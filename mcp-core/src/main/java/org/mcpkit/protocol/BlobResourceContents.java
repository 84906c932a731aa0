package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Binary contents of a resource.
 *
 * @param uri the resource URI
 * @param mimeType the MIME type; null when absent
 * @param blob base64 data
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlobResourceContents(
    @JsonProperty("uri") String uri,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("blob") String blob,
    @JsonProperty("_meta") Map<String, Object> meta) implements ResourceContents {

  /** Validates and copies the components. */
  public BlobResourceContents {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(blob, "blob");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
