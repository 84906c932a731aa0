package org.mcpkit.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpException;
import org.mcpkit.server.ToolHandler;
import org.mcpkit.server.ToolSpec;

/**
 * The tools of observation tests: {@code ok} succeeds, {@code broken} returns an {@code isError}
 * result, {@code refuses} throws a -32602 error, {@code hold} runs until cancelled.
 */
public final class ObservedTools {
  private ObservedTools() {}

  /** The four tools; {@code inHandler} runs inside every handler first (to log, read the MDC, start spans). */
  public static List<ToolSpec> all(Runnable inHandler) {
    return List.of(
        tool("ok", (ctx, a) -> {
          inHandler.run();
          return CallToolResult.text("fine");
        }),
        tool("broken", (ctx, a) -> {
          inHandler.run();
          return CallToolResult.error("no luck");
        }),
        tool("refuses", (ctx, a) -> {
          inHandler.run();
          throw McpException.invalidParams("bad input");
        }),
        tool("hold", (ctx, a) -> {
          inHandler.run();
          new CountDownLatch(1).await();
          return CallToolResult.text("never");
        }));
  }

  private static ToolSpec tool(String name, ToolHandler<Map<String, Object>> handler) {
    return ToolSpec.of(Tool.builder(name, Map.of("type", "object")).description(name).build(), handler);
  }
}
