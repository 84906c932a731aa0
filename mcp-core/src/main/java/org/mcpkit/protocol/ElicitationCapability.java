package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Client support for elicitation. Neither mode present means form mode.
 *
 * @param form form mode; null when absent
 * @param url URL mode; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElicitationCapability(
    @JsonProperty("form") Map<String, Object> form,
    @JsonProperty("url") Map<String, Object> url) {

  /** Validates and copies the components. */
  public ElicitationCapability {
    form = form == null ? null : Wire.copy(form);
    url = url == null ? null : Wire.copy(url);
  }
}
