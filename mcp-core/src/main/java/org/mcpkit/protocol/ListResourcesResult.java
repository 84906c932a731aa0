package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@code resources/list}.
 *
 * @param resources the resources
 * @param nextCursor the cursor of the next page; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListResourcesResult(
    @JsonProperty("resources") List<Resource> resources,
    @JsonProperty("nextCursor") String nextCursor,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ListResourcesResult {
    resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    meta = meta == null ? null : Wire.copy(meta);
  }
}
