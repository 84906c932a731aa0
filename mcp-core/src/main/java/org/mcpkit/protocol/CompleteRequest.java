package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code completion/complete}.
 *
 * @param ref what is completed
 * @param argument the argument
 * @param context other arguments; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteRequest(
    @JsonProperty("ref") CompletionReference ref,
    @JsonProperty("argument") CompleteArgument argument,
    @JsonProperty("context") CompleteContext context,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public CompleteRequest {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(argument, "argument");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
