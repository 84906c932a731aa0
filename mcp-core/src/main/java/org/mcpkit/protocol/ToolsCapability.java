package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Server support for tools.
 *
 * @param listChanged whether list changes are notified; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolsCapability(
    @JsonProperty("listChanged") Boolean listChanged) {
}
