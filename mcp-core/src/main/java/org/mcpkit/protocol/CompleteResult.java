package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@code completion/complete}.
 *
 * @param completion the values
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteResult(
    @JsonProperty("completion") Completion completion,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public CompleteResult {
    Objects.requireNonNull(completion, "completion");
    meta = meta == null ? null : Wire.copy(meta);
  }

  /** A result with the given values (at most 100). */
  public static CompleteResult of(List<String> values) {
    return new CompleteResult(new Completion(values, null, null), null);
  }
}
