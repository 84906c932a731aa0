package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * A root the client exposes.
 *
 * @param uri a file:// URI
 * @param name a display name; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Root(
    @JsonProperty("uri") String uri,
    @JsonProperty("name") String name,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public Root {
    Objects.requireNonNull(uri, "uri");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
