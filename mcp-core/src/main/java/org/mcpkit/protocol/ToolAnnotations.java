package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Hints about a tool's behaviour; never a security boundary.
 *
 * @param title a display name; null when absent
 * @param readOnlyHint the tool does not modify its environment; null when absent
 * @param destructiveHint the tool may destroy data; null when absent
 * @param idempotentHint repeated calls have no further effect; null when absent
 * @param openWorldHint the tool reaches external entities; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolAnnotations(
    @JsonProperty("title") String title,
    @JsonProperty("readOnlyHint") Boolean readOnlyHint,
    @JsonProperty("destructiveHint") Boolean destructiveHint,
    @JsonProperty("idempotentHint") Boolean idempotentHint,
    @JsonProperty("openWorldHint") Boolean openWorldHint) {
}
