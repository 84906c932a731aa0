package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The argument being completed.
 *
 * @param name the argument name
 * @param value the partial value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteArgument(
    @JsonProperty("name") String name,
    @JsonProperty("value") String value) {

  /** Validates and copies the components. */
  public CompleteArgument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
