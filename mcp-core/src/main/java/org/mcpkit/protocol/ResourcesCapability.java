package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Server support for resources.
 *
 * @param subscribe whether resource updates can be subscribed to; null when absent
 * @param listChanged whether list changes are notified; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourcesCapability(
    @JsonProperty("subscribe") Boolean subscribe,
    @JsonProperty("listChanged") Boolean listChanged) {
}
