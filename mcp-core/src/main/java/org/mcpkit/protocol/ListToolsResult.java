package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@code tools/list}.
 *
 * @param tools the tools
 * @param nextCursor the cursor of the next page; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListToolsResult(
    @JsonProperty("tools") List<Tool> tools,
    @JsonProperty("nextCursor") String nextCursor,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ListToolsResult {
    tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
    meta = meta == null ? null : Wire.copy(meta);
  }
}
