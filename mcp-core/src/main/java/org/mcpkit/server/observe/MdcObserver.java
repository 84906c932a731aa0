package org.mcpkit.server.observe;

import org.slf4j.MDC;

/**
 * Puts the request's method, id, tool or prompt name and session hash into the SLF4J MDC of the
 * thread that entered it, and restores the values it replaced when the scope closes, so nothing
 * leaks into the next task of a pooled thread.
 */
final class MdcObserver implements ServerObserver {
  static final MdcObserver INSTANCE = new MdcObserver();
  private static final String[] KEYS = {
    MdcKeys.METHOD, MdcKeys.REQUEST_ID, MdcKeys.TOOL_NAME, MdcKeys.PROMPT_NAME, MdcKeys.SESSION_HASH
  };

  private MdcObserver() {}

  @Override
  public RequestObservation requestStarted(RequestStart start) {
    String[] values = {
      start.method(),
      String.valueOf(start.requestId().wireValue()),
      start.toolName().orElse(null),
      start.promptName().orElse(null),
      start.sessionHash().orElse(null)
    };
    return new RequestObservation() {
      @Override
      public RequestScope enter() {
        return put(KEYS, values);
      }

      @Override
      public void end(RequestOutcome outcome) {}
    };
  }

  /**
   * Sets {@code keys} to {@code values} (a null value removes the key) and returns the scope that
   * puts back what was there. For tracing observers that set their own keys.
   */
  static RequestScope put(String[] keys, String[] values) {
    String[] previous = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      previous[i] = MDC.get(keys[i]);
      set(keys[i], values[i]);
    }
    return () -> {
      for (int i = keys.length - 1; i >= 0; i--) {
        set(keys[i], previous[i]);
      }
    };
  }

  private static void set(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
