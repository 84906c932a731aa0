package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of the legacy {@code resources/subscribe} and {@code resources/unsubscribe}.
 *
 * @param uri the URI
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscribeRequest(
    @JsonProperty("uri") String uri,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public SubscribeRequest {
    Objects.requireNonNull(uri, "uri");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
