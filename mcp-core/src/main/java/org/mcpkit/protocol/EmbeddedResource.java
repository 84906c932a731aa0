package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * A resource embedded in a message.
 *
 * @param resource the contents
 * @param annotations annotations; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddedResource(
    @JsonProperty("resource") ResourceContents resource,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("_meta") Map<String, Object> meta) implements Content {

  /** Validates and copies the components. */
  public EmbeddedResource {
    Objects.requireNonNull(resource, "resource");
    meta = meta == null ? null : Wire.copy(meta);
  }

  @Override
  @JsonProperty("type")
  public String type() {
    return "resource";
  }
}
