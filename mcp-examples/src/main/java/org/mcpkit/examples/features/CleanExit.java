package org.mcpkit.examples.features;

/**
 * Makes SIGTERM a clean stop: the JVM runs its shutdown hooks (the drain) and then exits with status
 * 0 instead of the signal's 143, so an orchestrator (ECS, Kubernetes, systemd) records a normal stop.
 * Uses {@code sun.misc.Signal} from the {@code jdk.unsupported} module; where it is missing the JVM's
 * default handling (hooks, then 143) stays.
 */
public final class CleanExit {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CleanExit.class);

  private CleanExit() {}

  /** Installs the SIGTERM handler: {@code System.exit(0)}, which runs the shutdown hooks first. */
  @SuppressWarnings("removal")
  public static void onSigterm() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
    } catch (IllegalArgumentException | LinkageError e) {
      LOG.warn("SIGTERM handler not installed; the JVM will exit with 143 after draining", e);
    }
  }
}
