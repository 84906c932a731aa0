package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@code resources/read}.
 *
 * @param contents the contents
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadResourceResult(
    @JsonProperty("contents") List<ResourceContents> contents,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ReadResourceResult {
    contents = List.copyOf(Objects.requireNonNull(contents, "contents"));
    meta = meta == null ? null : Wire.copy(meta);
  }
}
