package org.mcpkit.examples.conformance;

import static org.mcpkit.examples.conformance.ConformancePrompts.messages;
import static org.mcpkit.examples.conformance.ConformancePrompts.prompt;
import static org.mcpkit.examples.conformance.ToolSupport.tool;

import java.util.concurrent.atomic.AtomicBoolean;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ToolSpec;

/**
 * Tools the suite calls to make the tool and prompt lists change while a subscription listens:
 * each call adds or removes a dynamic tool or prompt, so a list_changed notification fires.
 */
final class ListChangeTriggers {
  private ListChangeTriggers() {}

  /** Adds the two trigger tools to a built server. */
  static void register(McpServer server) {
    AtomicBoolean toolPresent = new AtomicBoolean();
    AtomicBoolean promptPresent = new AtomicBoolean();
    ToolSpec dynamicTool =
        tool("test_dynamic_tool", "Appears and disappears", (ctx, args) -> CallToolResult.text("dynamic"));
    PromptSpec dynamicPrompt =
        PromptSpec.of(
            prompt("test_dynamic_prompt", "Appears and disappears"),
            (ctx, r) -> messages(PromptMessage.user(TextContent.of("dynamic"))));
    server.addTool(
        tool(
            "test_trigger_tool_change",
            "Adds or removes a tool, so tools/list_changed fires",
            (ctx, args) -> {
              if (toolPresent.compareAndSet(false, true)) {
                server.addTool(dynamicTool);
              } else {
                toolPresent.set(false);
                server.removeTool("test_dynamic_tool");
              }
              return CallToolResult.text("Tool list changed");
            }));
    server.addTool(
        tool(
            "test_trigger_prompt_change",
            "Adds or removes a prompt, so prompts/list_changed fires",
            (ctx, args) -> {
              if (promptPresent.compareAndSet(false, true)) {
                server.addPrompt(dynamicPrompt);
              } else {
                promptPresent.set(false);
                server.removePrompt("test_dynamic_prompt");
              }
              return CallToolResult.text("Prompt list changed");
            }));
  }
}
