package org.mcpkit.testing;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.SamplingCapability;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ToolSpec;

/** The server every transport contract test talks to. */
public final class ContractServer {
  /** Counts down when the {@code hold} tool starts. */
  public final CountDownLatch holdStarted = new CountDownLatch(1);
  /** Counts down when a running {@code hold} call is interrupted. */
  public final CountDownLatch holdInterrupted = new CountDownLatch(1);
  /** Lets the {@code stepper} tool finish its second step. */
  public final CountDownLatch stepperGo = new CountDownLatch(1);
  /** The server. */
  public final McpServer server;

  /** Builds the server. */
  public ContractServer() {
    this(org.mcpkit.server.observe.ServerObserver.none());
  }

  /** Builds the server with {@code observer} attached. */
  public ContractServer(org.mcpkit.server.observe.ServerObserver observer) {
    server =
        McpServer.builder(Implementation.of("contract", "1.0.0"))
            .observer(observer)
            .tool(
                ToolSpec.of(
                    Tool.builder(
                            "echo",
                            Map.of(
                                "type", "object",
                                "properties",
                                    Map.of(
                                        "text", Map.of("type", "string"),
                                        "region", Map.of("type", "string", "x-mcp-header", "Region"))))
                        .description("echo")
                        .build(),
                    (ctx, args) -> CallToolResult.text(String.valueOf(args.get("text")))))
            .tool(
                ToolSpec.of(
                    tool("progress"),
                    (ctx, args) -> {
                      ctx.progress(1, 2.0, "half");
                      ctx.progress(2, 2.0, "done");
                      return CallToolResult.text("progressed");
                    }))
            .tool(
                ToolSpec.of(
                    tool("hold"),
                    (ctx, args) -> {
                      holdStarted.countDown();
                      try {
                        new CountDownLatch(1).await();
                      } catch (InterruptedException e) {
                        holdInterrupted.countDown();
                        throw e;
                      }
                      return CallToolResult.text("never");
                    }))
            .tool(
                ToolSpec.of(tool("needs_sampling"), (ctx, args) -> CallToolResult.text("ok"))
                    .requiring(new ClientCapabilities(null, null, new SamplingCapability(null, null), null, null)))
            .tool(
                ToolSpec.of(
                    tool("reconnect"),
                    (ctx, args) -> {
                      ctx.closeStream();
                      return CallToolResult.text("after reconnect");
                    }))
            .tool(
                ToolSpec.of(
                    tool("stepper"),
                    (ctx, args) -> {
                      ctx.progress(1, 2.0, "first");
                      stepperGo.await();
                      ctx.progress(2, 2.0, "second");
                      return CallToolResult.text("stepped");
                    }))
            .tool(
                ToolSpec.of(
                    tool("ask"),
                    (ctx, args) -> {
                      org.mcpkit.protocol.ElicitResult a =
                          ctx.elicit(
                              "name",
                              org.mcpkit.protocol.ElicitRequest.form(
                                  "Name?",
                                  Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")))));
                      return CallToolResult.text("Hi " + a.content().get("name"));
                    }))
            .tool(
                ToolSpec.of(
                    tool("touch"),
                    (ctx, args) -> {
                      ctx.log(org.mcpkit.protocol.LoggingLevel.INFO, "touched");
                      return CallToolResult.text("touched");
                    }))
            .build();
  }

  private static Tool tool(String name) {
    return Tool.builder(name, Map.of("type", "object")).description(name).build();
  }
}
