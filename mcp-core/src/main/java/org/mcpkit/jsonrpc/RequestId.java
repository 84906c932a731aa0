package org.mcpkit.jsonrpc;

import java.util.Objects;

/**
 * A JSON-RPC request id: a string or an integer, never {@code null}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface RequestId permits RequestId.StringId, RequestId.NumberId {

  /** Returns an id carrying the given string. */
  static RequestId of(String value) {
    return new StringId(value);
  }

  /** Returns an id carrying the given integer. */
  static RequestId of(long value) {
    return new NumberId(value);
  }

  /** The id as the plain Java value written on the wire: a {@link String} or a {@link Long}. */
  Object wireValue();

  /**
   * A string id.
   *
   * @param value the id, never null
   */
  record StringId(String value) implements RequestId {
    /** Creates a string id. */
    public StringId {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Object wireValue() {
      return value;
    }

    @Override
    public String toString() {
      return '"' + value + '"';
    }
  }

  /**
   * An integer id.
   *
   * @param value the id
   */
  record NumberId(long value) implements RequestId {
    @Override
    public Object wireValue() {
      return value;
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }
}
