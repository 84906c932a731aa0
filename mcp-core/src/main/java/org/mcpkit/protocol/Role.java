package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The speaker of a message. */
public enum Role {
  /** The user. */
  @JsonProperty("user")
  USER,
  /** The assistant. */
  @JsonProperty("assistant")
  ASSISTANT
}
