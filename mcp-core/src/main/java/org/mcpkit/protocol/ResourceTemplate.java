package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A family of resources described by an RFC 6570 URI template.
 *
 * @param uriTemplate the template
 * @param name the programmatic name
 * @param title a display name; null when absent
 * @param description a description; null when absent
 * @param mimeType the MIME type of matching resources; null when absent
 * @param icons icons; empty when absent
 * @param annotations annotations; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceTemplate(
    @JsonProperty("uriTemplate") String uriTemplate,
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("mimeType") String mimeType,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("icons") List<Icon> icons,
    @JsonProperty("annotations") Annotations annotations,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ResourceTemplate {
    Objects.requireNonNull(uriTemplate, "uriTemplate");
    Objects.requireNonNull(name, "name");
    icons = icons == null ? List.of() : List.copyOf(icons);
    meta = meta == null ? null : Wire.copy(meta);
  }
}
