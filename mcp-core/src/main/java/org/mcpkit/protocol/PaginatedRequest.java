package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Parameters of a paginated list request.
 *
 * @param cursor where to continue; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaginatedRequest(
    @JsonProperty("cursor") String cursor,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public PaginatedRequest {
    meta = meta == null ? null : Wire.copy(meta);
  }
}
