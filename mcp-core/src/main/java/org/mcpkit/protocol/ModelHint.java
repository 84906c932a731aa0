package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A hint for model selection.
 *
 * @param name a model name or substring; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelHint(
    @JsonProperty("name") String name) {
}
