package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Describes a client or server implementation.
 *
 * @param name the programmatic name
 * @param version the version
 * @param title a display name; null when absent
 * @param description a description; null when absent
 * @param icons icons; empty when absent
 * @param websiteUrl the project's website; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Implementation(
    @JsonProperty("name") String name,
    @JsonProperty("version") String version,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("icons") List<Icon> icons,
    @JsonProperty("websiteUrl") String websiteUrl) {

  /** Validates and copies the components. */
  public Implementation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    icons = icons == null ? List.of() : List.copyOf(icons);
  }

  /** An implementation with just a name and version. */
  public static Implementation of(String name, String version) {
    return new Implementation(name, version, null, null, null, null);
  }
}
