package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Log severities (RFC 5424), least severe first. */
public enum LoggingLevel {
  /** Debug. */
  DEBUG,
  /** Informational. */
  INFO,
  /** Normal but significant. */
  NOTICE,
  /** Warning. */
  WARNING,
  /** Error. */
  ERROR,
  /** Critical. */
  CRITICAL,
  /** Action must be taken immediately. */
  ALERT,
  /** The system is unusable. */
  EMERGENCY;

  /** The wire name, e.g. {@code "warning"}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name. */
  public static Optional<LoggingLevel> parse(String wireName) {
    for (LoggingLevel l : values()) {
      if (l.wireName().equals(wireName)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  @JsonCreator
  static LoggingLevel fromWire(String wireName) {
    return parse(wireName)
        .orElseThrow(() -> new IllegalArgumentException("unknown logging level: " + wireName));
  }

  /** Whether this level is at least as severe as {@code other}. */
  public boolean isAtLeast(LoggingLevel other) {
    return compareTo(other) >= 0;
  }
}
