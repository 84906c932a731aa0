package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The client's roots.
 *
 * @param roots the roots
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListRootsResult(
    @JsonProperty("roots") List<Root> roots,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ListRootsResult {
    roots = List.copyOf(Objects.requireNonNull(roots, "roots"));
    meta = meta == null ? null : Wire.copy(meta);
  }
}
