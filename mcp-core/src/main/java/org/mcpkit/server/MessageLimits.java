package org.mcpkit.server;

/**
 * Bounds on every JSON-RPC message a server reads, on any transport, so hostile input fails fast
 * with a clear error instead of using memory or stack. Immutable; start from {@link #defaults()}.
 *
 * <p>A message over {@code maxMessageBytes} is refused before parsing with -32600 {@code "Message
 * too large: the limit is N bytes"} (on stdio the line is skipped and the next one served; over
 * HTTP, {@link org.mcpkit.server.http.HttpEndpointOptions#maxBodyBytes()} is checked first and
 * answers 413). Deeper nesting than {@code maxNestingDepth} gives -32700 {@code "Parse error:
 * nesting deeper than N levels"}; a string value longer than {@code maxStringLength} characters
 * gives -32700 {@code "Parse error: a string longer than N characters"}.
 *
 * @param maxMessageBytes largest message in bytes (default 4 MiB; at least 1 KiB)
 * @param maxNestingDepth deepest nesting of JSON objects and arrays (default 64; at least 16, as
 *     the protocol's own envelopes nest about 8 deep)
 * @param maxStringLength longest JSON string value in characters (default 4 MiB; at least 1,024)
 */
public record MessageLimits(int maxMessageBytes, int maxNestingDepth, int maxStringLength) {
  private static final MessageLimits DEFAULTS = new MessageLimits(4 * 1024 * 1024, 64, 4 * 1024 * 1024);

  /** Validates the limits. */
  public MessageLimits {
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + maxMessageBytes);
    }
    if (maxNestingDepth < 16) {
      throw new IllegalArgumentException("maxNestingDepth must be at least 16, was " + maxNestingDepth);
    }
    if (maxStringLength < 1024) {
      throw new IllegalArgumentException("maxStringLength must be at least 1024, was " + maxStringLength);
    }
  }

  /** The defaults: 4 MiB messages, nesting depth 64, 4 MiB strings. */
  public static MessageLimits defaults() {
    return DEFAULTS;
  }

  /** These limits with another maximum message size. */
  public MessageLimits withMaxMessageBytes(int bytes) {
    return new MessageLimits(bytes, maxNestingDepth, maxStringLength);
  }

  /** These limits with another maximum nesting depth. */
  public MessageLimits withMaxNestingDepth(int depth) {
    return new MessageLimits(maxMessageBytes, depth, maxStringLength);
  }

  /** These limits with another maximum string length. */
  public MessageLimits withMaxStringLength(int length) {
    return new MessageLimits(maxMessageBytes, maxNestingDepth, length);
  }
}
