package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Completion values.
 *
 * @param values at most 100 values
 * @param total the number of values available; null when absent
 * @param hasMore whether more values exist; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Completion(
    @JsonProperty("values") List<String> values,
    @JsonProperty("total") Integer total,
    @JsonProperty("hasMore") Boolean hasMore) {

  /** The most values one completion result may carry. */
  public static final int MAX_VALUES = 100;

  /** Validates and copies the components; more than {@value #MAX_VALUES} values are rejected. */
  public Completion {
    values = List.copyOf(Objects.requireNonNull(values, "values"));
    if (values.size() > MAX_VALUES) {
      throw new IllegalArgumentException(
          "at most " + MAX_VALUES + " completion values allowed, got " + values.size());
    }
  }
}
