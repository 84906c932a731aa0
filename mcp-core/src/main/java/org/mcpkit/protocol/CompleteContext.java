package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Already resolved arguments.
 *
 * @param arguments argument values by name; empty when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteContext(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("arguments") Map<String, String> arguments) {

  /** Validates and copies the components. */
  public CompleteContext {
    arguments = arguments == null ? Map.of() : Wire.copy(arguments);
  }
}
