package org.mcpkit.examples.features;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One logging route for the examples: everything ends in SLF4J's one binding (slf4j-simple,
 * configured by {@code simplelogger.properties}: one line format on stderr, the containers' own
 * start-up lines at WARN so that the first line a newcomer sees is the server's URL). Undertow and
 * XNIO log through JBoss Logging, which is pointed at SLF4J; Tomcat logs through
 * {@code java.util.logging}, which is bridged to SLF4J. Call {@link #install()} first in {@code
 * main}, before a container class is loaded. The library itself only uses {@code slf4j-api}; an
 * application does the same with its own binding (see the README, "Logging").
 */
public final class ExampleLogging {
  /** The system property JBoss Logging reads once, when its first logger is created. */
  static final String JBOSS_PROVIDER = "org.jboss.logging.provider";

  private ExampleLogging() {}

  /**
   * Routes JBoss Logging (unless {@code org.jboss.logging.provider} is set already) and {@code
   * java.util.logging} to SLF4J; idempotent.
   */
  public static synchronized void install() {
    if (System.getProperty(JBOSS_PROVIDER) == null) {
      System.setProperty(JBOSS_PROVIDER, "slf4j");
    }
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
