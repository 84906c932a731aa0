package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code subscriptions/listen}.
 *
 * @param notifications what to deliver
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionsListenRequest(
    @JsonProperty("notifications") SubscriptionFilter notifications,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public SubscriptionsListenRequest {
    Objects.requireNonNull(notifications, "notifications");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
