package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The {@code data} of a -32022 error.
 *
 * @param supported revisions the server supports
 * @param requested the revision asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnsupportedVersionData(
    @JsonProperty("supported") List<String> supported,
    @JsonProperty("requested") String requested) {

  /** Validates and copies the components. */
  public UnsupportedVersionData {
    supported = List.copyOf(Objects.requireNonNull(supported, "supported"));
    Objects.requireNonNull(requested, "requested");
  }
}
