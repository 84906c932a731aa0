package org.mcpkit.peers.quarkus;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.smallrye.common.annotation.NonBlocking;

/**
 * A benchmark peer: the echo tool of the load script on Quarkus' MCP server, twice. {@code echo}
 * runs in the extension's default execution model (a worker thread); {@code echo_nonblocking} is
 * marked {@code @NonBlocking} and runs on the Vert.x event loop that received the request.
 */
public class EchoTools {

  /** Echoes the text on a worker thread (the default for a method returning a plain value). */
  @Tool(name = "echo", description = "Echoes the text")
  String echo(@ToolArg(description = "the text") String text) {
    return text;
  }

  /** Echoes the text on the event loop, with no handoff. */
  @NonBlocking
  @Tool(name = "echo_nonblocking", description = "Echoes the text on the event loop")
  String echoNonBlocking(@ToolArg(description = "the text") String text) {
    return text;
  }
}
