package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of the legacy {@code initialize}.
 *
 * @param protocolVersion the revision the client wants
 * @param capabilities the client's capabilities
 * @param clientInfo the client
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InitializeRequest(
    @JsonProperty("protocolVersion") String protocolVersion,
    @JsonProperty("capabilities") ClientCapabilities capabilities,
    @JsonProperty("clientInfo") Implementation clientInfo,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public InitializeRequest {
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(clientInfo, "clientInfo");
    meta = meta == null ? null : Wire.copy(meta);
  }
}
