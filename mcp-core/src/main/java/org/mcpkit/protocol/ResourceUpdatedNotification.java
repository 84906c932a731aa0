package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code notifications/resources/updated}.
 *
 * @param uri the resource that changed
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceUpdatedNotification(
    @JsonProperty("uri") String uri,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ResourceUpdatedNotification {
    Objects.requireNonNull(uri, "uri");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
