package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * The result of the legacy {@code initialize}.
 *
 * @param protocolVersion the negotiated revision
 * @param capabilities the server's capabilities
 * @param serverInfo the server
 * @param instructions instructions for the model; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitializeResult(
    @JsonProperty("protocolVersion") String protocolVersion,
    @JsonProperty("capabilities") ServerCapabilities capabilities,
    @JsonProperty("serverInfo") Implementation serverInfo,
    @JsonProperty("instructions") String instructions,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public InitializeResult {
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(serverInfo, "serverInfo");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
