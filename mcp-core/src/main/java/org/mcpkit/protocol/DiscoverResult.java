package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@code server/discover}.
 *
 * @param supportedVersions protocol revisions served
 * @param capabilities what the server supports
 * @param instructions instructions for the model; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscoverResult(
    @JsonProperty("supportedVersions") List<String> supportedVersions,
    @JsonProperty("capabilities") ServerCapabilities capabilities,
    @JsonProperty("instructions") String instructions,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public DiscoverResult {
    supportedVersions = List.copyOf(Objects.requireNonNull(supportedVersions, "supportedVersions"));
    Objects.requireNonNull(capabilities, "capabilities");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
