package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code elicitation/create}: a question for the user.
 *
 * @param mode "form" (default when absent) or "url"; null when absent
 * @param message what to tell the user
 * @param requestedSchema form mode: a flat object schema of primitives; null when absent
 * @param url URL mode: the page to open; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElicitRequest(
    @JsonProperty("mode") String mode,
    @JsonProperty("message") String message,
    @JsonProperty("requestedSchema") Map<String, Object> requestedSchema,
    @JsonProperty("url") String url,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public ElicitRequest {
    Objects.requireNonNull(message, "message");
    requestedSchema = requestedSchema == null ? null : Wire.copy(requestedSchema);
    meta = meta == null ? null : Wire.copy(meta);
  }

  /** A form-mode question. */
  public static ElicitRequest form(String message, Map<String, Object> requestedSchema) {
    return new ElicitRequest(null, message, Objects.requireNonNull(requestedSchema, "requestedSchema"), null, null);
  }

  /** A URL-mode question. */
  public static ElicitRequest url(String message, String url) {
    return new ElicitRequest("url", message, null, Objects.requireNonNull(url, "url"), null);
  }
}
