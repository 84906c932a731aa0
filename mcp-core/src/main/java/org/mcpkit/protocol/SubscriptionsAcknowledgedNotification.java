package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code notifications/subscriptions/acknowledged}.
 *
 * @param notifications what will be delivered
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionsAcknowledgedNotification(
    @JsonProperty("notifications") SubscriptionFilter notifications,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public SubscriptionsAcknowledgedNotification {
    Objects.requireNonNull(notifications, "notifications");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
