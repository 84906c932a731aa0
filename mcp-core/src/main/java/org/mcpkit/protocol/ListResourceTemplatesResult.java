package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@code resources/templates/list}.
 *
 * @param resourceTemplates the templates
 * @param nextCursor the cursor of the next page; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListResourceTemplatesResult(
    @JsonProperty("resourceTemplates") List<ResourceTemplate> resourceTemplates,
    @JsonProperty("nextCursor") String nextCursor,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ListResourceTemplatesResult {
    resourceTemplates = List.copyOf(Objects.requireNonNull(resourceTemplates, "resourceTemplates"));
    meta = meta == null ? null : Wire.copy(meta);
  }
}
