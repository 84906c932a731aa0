package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Server support for prompts.
 *
 * @param listChanged whether list changes are notified; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptsCapability(
    @JsonProperty("listChanged") Boolean listChanged) {
}
