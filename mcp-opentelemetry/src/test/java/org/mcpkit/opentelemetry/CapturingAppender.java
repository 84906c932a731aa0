package org.mcpkit.opentelemetry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Keeps every event with its MDC as it was on the thread that logged it (logback reads the MDC lazily otherwise). */
final class CapturingAppender extends ListAppender<ILoggingEvent> {
  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    super.append(event);
  }
}
