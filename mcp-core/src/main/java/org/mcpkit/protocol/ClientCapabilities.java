package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What a client supports for a request.
 *
 * @param experimental experimental features; null when absent
 * @param roots roots; null when absent
 * @param sampling sampling; null when absent
 * @param elicitation elicitation; null when absent
 * @param extensions extensions by id; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientCapabilities(
    @JsonProperty("experimental") Map<String, Object> experimental,
    @JsonProperty("roots") RootsCapability roots,
    @JsonProperty("sampling") SamplingCapability sampling,
    @JsonProperty("elicitation") ElicitationCapability elicitation,
    @JsonProperty("extensions") Map<String, Object> extensions) {

  /** Validates and copies the components. */
  public ClientCapabilities {
    experimental = experimental == null ? null : Wire.copy(experimental);
    extensions = extensions == null ? null : Wire.copy(extensions);
  }

  /** No optional capabilities. */
  public static ClientCapabilities none() {
    return new ClientCapabilities(null, null, null, null, null);
  }

  /** Whether any elicitation mode is supported. */
  @JsonIgnore
  public boolean hasElicitation() {
    return elicitation != null;
  }

  /** Whether form elicitation is supported ({@code {}} means form). */
  @JsonIgnore
  public boolean hasElicitationForm() {
    return elicitation != null
        && (elicitation.form() != null || elicitation.url() == null);
  }

  /** Whether URL elicitation is supported. */
  @JsonIgnore
  public boolean hasElicitationUrl() {
    return elicitation != null && elicitation.url() != null;
  }

  /** Whether sampling is supported. */
  @JsonIgnore
  public boolean hasSampling() {
    return sampling != null;
  }

  /** Whether tool use in sampling is supported. */
  @JsonIgnore
  public boolean hasSamplingTools() {
    return sampling != null && sampling.tools() != null;
  }

  /** Whether roots are supported. */
  @JsonIgnore
  public boolean hasRoots() {
    return roots != null;
  }

  /** Whether the extension with this id is supported. */
  @JsonIgnore
  public boolean hasExtension(String id) {
    return extensions != null && extensions.containsKey(id);
  }
}
