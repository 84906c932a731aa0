package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Parameters of {@code notifications/cancelled}.
 *
 * @param requestId the cancelled request's id; null when absent
 * @param reason why; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelledNotification(
    @JsonProperty("requestId") Object requestId,
    @JsonProperty("reason") String reason,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public CancelledNotification {
    meta = meta == null ? null : Wire.copy(meta);
  }
}
