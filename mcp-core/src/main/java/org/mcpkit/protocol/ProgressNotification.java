package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code notifications/progress}.
 *
 * @param progressToken the token from the request (string or number)
 * @param progress progress so far; increases with every notification
 * @param total the total, if known; null when absent
 * @param message a human-readable message; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressNotification(
    @JsonProperty("progressToken") Object progressToken,
    @JsonProperty("progress") double progress,
    @JsonProperty("total") Double total,
    @JsonProperty("message") String message,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ProgressNotification {
    Objects.requireNonNull(progressToken, "progressToken");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
