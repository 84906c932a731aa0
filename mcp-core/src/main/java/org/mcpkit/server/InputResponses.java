package org.mcpkit.server;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.mcpkit.protocol.CreateMessageResult;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.ListRootsResult;

/**
 * The answers to {@link RequestContext#inputs}: typed views of each answered key. Immutable.
 */
public final class InputResponses {
  private final Map<String, Object> raw;
  private final BiFunction<Object, Class<?>, Object> converter;

  /** For the SDK: wraps raw answers and the converter that types them. */
  public InputResponses(Map<String, Object> raw, BiFunction<Object, Class<?>, Object> converter) {
    this.raw = Map.copyOf(Objects.requireNonNull(raw, "raw"));
    this.converter = Objects.requireNonNull(converter, "converter");
  }

  /** The answer to an elicitation. */
  public ElicitResult elicitation(String key) {
    return (ElicitResult) converter.apply(require(key), ElicitResult.class);
  }

  /** The answer to a sampling request. */
  public CreateMessageResult sampling(String key) {
    return (CreateMessageResult) converter.apply(require(key), CreateMessageResult.class);
  }

  /** The answer to a roots request. */
  public ListRootsResult roots(String key) {
    return (ListRootsResult) converter.apply(require(key), ListRootsResult.class);
  }

  private Object require(String key) {
    Object value = raw.get(Objects.requireNonNull(key, "key"));
    if (value == null) {
      throw new IllegalArgumentException("No answer for input '" + key + "'");
    }
    return value;
  }
}
