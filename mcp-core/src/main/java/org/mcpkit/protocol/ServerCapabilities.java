package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What a server supports. A map component that is present (even empty) means supported.
 *
 * @param experimental experimental features; null when absent
 * @param logging log messages; null when absent
 * @param completions argument completion; null when absent
 * @param prompts prompts; null when absent
 * @param resources resources; null when absent
 * @param tools tools; null when absent
 * @param extensions extensions by id; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerCapabilities(
    @JsonProperty("experimental") Map<String, Object> experimental,
    @JsonProperty("logging") Map<String, Object> logging,
    @JsonProperty("completions") Map<String, Object> completions,
    @JsonProperty("prompts") PromptsCapability prompts,
    @JsonProperty("resources") ResourcesCapability resources,
    @JsonProperty("tools") ToolsCapability tools,
    @JsonProperty("extensions") Map<String, Object> extensions) {

  /** Validates and copies the components. */
  public ServerCapabilities {
    experimental = experimental == null ? null : Wire.copy(experimental);
    logging = logging == null ? null : Wire.copy(logging);
    completions = completions == null ? null : Wire.copy(completions);
    extensions = extensions == null ? null : Wire.copy(extensions);
  }
}
