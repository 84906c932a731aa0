package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * An icon for display.
 *
 * @param src an https: or data: URI
 * @param mimeType the MIME type; null when absent
 * @param sizes sizes such as "48x48" or "any"; empty when absent
 * @param theme "light" or "dark"; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Icon(
    @JsonProperty("src") String src,
    @JsonProperty("mimeType") String mimeType,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("sizes") List<String> sizes,
    @JsonProperty("theme") String theme) {

  /** Validates and copies the components. */
  public Icon {
    Objects.requireNonNull(src, "src");
    sizes = sizes == null ? List.of() : List.copyOf(sizes);
  }
}
