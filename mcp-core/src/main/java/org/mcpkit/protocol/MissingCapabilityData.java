package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The {@code data} of a -32021 error.
 *
 * @param requiredCapabilities the capabilities needed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MissingCapabilityData(
    @JsonProperty("requiredCapabilities") ClientCapabilities requiredCapabilities) {

  /** Validates and copies the components. */
  public MissingCapabilityData {
    Objects.requireNonNull(requiredCapabilities, "requiredCapabilities");
  }
}
