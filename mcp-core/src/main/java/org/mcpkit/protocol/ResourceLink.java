package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A link to a resource the client may read.
 *
 * @param uri the resource URI
 * @param name the programmatic name
 * @param title a display name; null when absent
 * @param description a description; null when absent
 * @param mimeType the MIME type; null when absent
 * @param size size in bytes; null when absent
 * @param icons icons; empty when absent
 * @param annotations annotations; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceLink(
    @JsonProperty("uri") String uri,
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("mimeType") String mimeType,
    @JsonProperty("size") Long size,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("icons") List<Icon> icons,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("_meta") Map<String, Object> meta) implements Content {

  /** Validates and copies the components. */
  public ResourceLink {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(name, "name");
    icons = icons == null ? List.of() : List.copyOf(icons);
    meta = meta == null ? null : Wire.copy(meta);
  }

  @Override
  @JsonProperty("type")
  public String type() {
    return "resource_link";
  }
}
