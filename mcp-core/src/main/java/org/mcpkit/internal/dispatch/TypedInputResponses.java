package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Objects;
import org.mcpkit.protocol.CreateMessageResult;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.ListRootsResult;
import org.mcpkit.server.InputResponses;

/** {@link InputResponses} over raw JSON answers, already checked to convert. */
final class TypedInputResponses implements InputResponses {
  private final Map<String, Object> raw;
  private final ObjectMapper mapper;

  TypedInputResponses(Map<String, Object> raw, ObjectMapper mapper) {
    this.raw = Map.copyOf(raw);
    this.mapper = mapper;
  }

  @Override
  public ElicitResult elicitation(String key) {
    return mapper.convertValue(require(key), ElicitResult.class);
  }

  @Override
  public CreateMessageResult sampling(String key) {
    return mapper.convertValue(require(key), CreateMessageResult.class);
  }

  @Override
  public ListRootsResult roots(String key) {
    return mapper.convertValue(require(key), ListRootsResult.class);
  }

  private Object require(String key) {
    Object value = raw.get(Objects.requireNonNull(key, "key"));
    if (value == null) {
      throw new IllegalArgumentException("No answer for input '" + key + "'");
    }
    return value;
  }
}
