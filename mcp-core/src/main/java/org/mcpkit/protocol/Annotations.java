package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Hints about how a client should use an object.
 *
 * @param audience who the object is for; empty when absent
 * @param priority importance from 0 to 1; null when absent
 * @param lastModified ISO 8601 timestamp; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Annotations(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("audience") List<Role> audience,
    @JsonProperty("priority") Double priority,
    @JsonProperty("lastModified") String lastModified) {

  /** Validates and copies the components. */
  public Annotations {
    audience = audience == null ? List.of() : List.copyOf(audience);
  }
}
