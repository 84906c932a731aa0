package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code tools/call}.
 *
 * @param name the tool name
 * @param arguments the arguments; empty when absent
 * @param inputResponses answers to an earlier input-required result; null when absent
 * @param requestState the state echoed from an input-required result; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallToolRequest(
    @JsonProperty("name") String name,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("arguments") Map<String, Object> arguments,
    @JsonProperty("inputResponses") Map<String, Object> inputResponses,
    @JsonProperty("requestState") String requestState,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public CallToolRequest {
    Objects.requireNonNull(name, "name");
    arguments = arguments == null ? Map.of() : Wire.copy(arguments);
    inputResponses = inputResponses == null ? null : Wire.copy(inputResponses);
    meta = meta == null ? null : Wire.copy(meta);
  }
}
