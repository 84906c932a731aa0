package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Client support for sampling.
 *
 * @param context support for includeContext; null when absent
 * @param tools support for tool use in sampling; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SamplingCapability(
    @JsonProperty("context") Map<String, Object> context,
    @JsonProperty("tools") Map<String, Object> tools) {

  /** Validates and copies the components. */
  public SamplingCapability {
    context = context == null ? null : Wire.copy(context);
    tools = tools == null ? null : Wire.copy(tools);
  }
}
