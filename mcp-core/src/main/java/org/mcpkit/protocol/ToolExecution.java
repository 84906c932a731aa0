package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a tool may be executed.
 *
 * @param taskSupport forbidden, optional or required; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolExecution(
    @JsonProperty("taskSupport") String taskSupport) {
}
