package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The speaker of a message. */
public enum Role {
  /** The user. */
  USER,
  /** The assistant. */
  ASSISTANT;

  /** The wire name: {@code "user"} or {@code "assistant"}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static Role fromWire(String wireName) {
    for (Role r : values()) {
      if (r.wireName().equals(wireName)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role: " + wireName);
  }
}
