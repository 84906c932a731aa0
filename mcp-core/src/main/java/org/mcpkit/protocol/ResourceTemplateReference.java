package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Refers to a resource template, for completion.
 *
 * @param uri the template or URI
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceTemplateReference(
    @JsonProperty("uri") String uri) implements CompletionReference {

  /** Validates and copies the components. */
  public ResourceTemplateReference {
    Objects.requireNonNull(uri, "uri");
  }

  @Override
  @JsonProperty("type")
  public String type() {
    return "ref/resource";
  }
}
