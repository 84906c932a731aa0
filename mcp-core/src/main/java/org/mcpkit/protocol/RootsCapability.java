package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Client support for roots.
 *
 * @param listChanged whether root changes are notified; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RootsCapability(
    @JsonProperty("listChanged") Boolean listChanged) {
}
