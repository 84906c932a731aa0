package org.mcpkit.examples.conformance;

import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;

/**
 * The "everything" server the official MCP conformance suite drives: every tool, resource, prompt
 * and completion its scenarios expect, with the exact texts they check. Transport-neutral; the HTTP
 * launchers serve it.
 *
 * <p>This class only assembles the fixtures; each group lives in its own class: {@link
 * OutputTools}, {@link ClientRequestTools}, {@link ProtocolFeatureTools}, {@link
 * InputRequiredTools}, {@link TaskTools}, {@link ConformanceResources}, {@link ConformancePrompts} and {@link
 * ListChangeTriggers}; the skills come from the class-path folder {@code conformance-skills}. Registration order is the order the lists show.
 */
public final class ConformanceServer {
  /** A 1x1 red PNG. */
  public static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  /** A tiny WAV file. */
  public static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

  private ConformanceServer() {}

  /** Builds the server. */
  public static McpServer create() {
    return create(b -> b);
  }

  /**
   * Builds the server, with {@code extra} applied to the builder after the fixtures (a shared
   * notification bus and sealing keys, when several instances serve the fixtures together).
   */
  public static McpServer create(java.util.function.UnaryOperator<McpServer.Builder> extra) {
    McpServer.Builder b =
        McpServer.builder(Implementation.of("mcpkit-conformance-server", "0.1.0"))
            .instructions("Conformance fixtures for the official MCP test suite.");
    register(b);
    b = extra.apply(b);
    McpServer server = b.build();
    registerListChangeTriggers(server);
    return server;
  }

  /**
   * Registers every fixture on a builder (for hosts that build the server themselves, such as the
   * Spring Boot starter); call {@link #registerListChangeTriggers} on the built server afterwards.
   */
  public static void register(McpServer.Builder b) {
    OutputTools.register(b);
    ClientRequestTools.register(b);
    ProtocolFeatureTools.register(b);
    InputRequiredTools.register(b);
    TaskTools.register(b);
    ConformanceResources.register(b);
    ConformancePrompts.register(b);
    // the skills extension (SEP-2640): two skills, one under a prefix, both with subfolders
    b.skills(
        org.mcpkit.examples.features.SampleSkills.load(
            "conformance-skills",
            "acme/billing/refunds/SKILL.md",
            "acme/billing/refunds/examples/email.md",
            "pdf-processing/SKILL.md",
            "pdf-processing/scripts/extract.py",
            "pdf-processing/templates/invoice.md",
            "pdf-processing/templates/regional/eu-invoice.md"));
  }

  /** Adds the hidden tools that change the tool and prompt lists of a built server. */
  public static void registerListChangeTriggers(McpServer server) {
    ListChangeTriggers.register(server);
  }
}
