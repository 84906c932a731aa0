package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message for sampling. On the wire its content is one block or an array.
 *
 * @param role the speaker
 * @param content the content blocks
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = SamplingMessageSupport.Deserializer.class)
@JsonSerialize(using = SamplingMessageSupport.Serializer.class)
public record SamplingMessage(
    @JsonProperty("role") Role role,
    @JsonProperty("content") List<Content> content,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public SamplingMessage {
    Objects.requireNonNull(role, "role");
    content = List.copyOf(Objects.requireNonNull(content, "content"));
    meta = meta == null ? null : Wire.copy(meta);
  }
}
