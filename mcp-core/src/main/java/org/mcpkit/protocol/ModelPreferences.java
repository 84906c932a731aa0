package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Preferences for model selection.
 *
 * @param hints hints in order of preference; empty when absent
 * @param costPriority 0 to 1; null when absent
 * @param speedPriority 0 to 1; null when absent
 * @param intelligencePriority 0 to 1; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelPreferences(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("hints") List<ModelHint> hints,
    @JsonProperty("costPriority") Double costPriority,
    @JsonProperty("speedPriority") Double speedPriority,
    @JsonProperty("intelligencePriority") Double intelligencePriority) {

  /** Validates and copies the components. */
  public ModelPreferences {
    hints = hints == null ? List.of() : List.copyOf(hints);
  }
}
