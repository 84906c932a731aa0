package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A result asking the client for input before the request can complete.
 *
 * @param inputRequests what is needed, by key; empty when absent
 * @param requestState opaque state the client echoes on its retry; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputRequiredResult(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("inputRequests") Map<String, InputRequest> inputRequests,
    @JsonProperty("requestState") String requestState,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public InputRequiredResult {
    inputRequests = inputRequests == null ? Map.of() : Wire.copy(inputRequests);
    meta = meta == null ? null : Wire.copy(meta);
  }
}
