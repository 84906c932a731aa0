package org.mcpkit.examples.conformance;

import static org.mcpkit.examples.conformance.ConformanceServer.PNG;
import static org.mcpkit.examples.conformance.ConformanceServer.WAV;
import static org.mcpkit.examples.conformance.ToolSupport.tool;

import org.mcpkit.protocol.AudioContent;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.EmbeddedResource;
import org.mcpkit.protocol.ImageContent;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.server.McpServer;

/**
 * Tools the suite checks by what they send back on their own: one per content type (text, image,
 * audio, embedded resource, mixed), an error result, log messages and progress notifications.
 */
final class OutputTools {
  private OutputTools() {}

  /** Registers the tools, in the order tools/list shows them. */
  static void register(McpServer.Builder b) {
    b.tool(
        tool(
            "test_simple_text",
            "Returns a simple text response",
            (ctx, args) -> CallToolResult.text("This is a simple text response for testing.")));
    b.tool(
        tool(
            "test_image_content",
            "Returns an image",
            (ctx, args) -> CallToolResult.of(new ImageContent(PNG, "image/png", null, null))));
    b.tool(
        tool(
            "test_audio_content",
            "Returns audio",
            (ctx, args) -> CallToolResult.of(new AudioContent(WAV, "audio/wav", null, null))));
    b.tool(
        tool(
            "test_embedded_resource",
            "Returns an embedded resource",
            (ctx, args) ->
                CallToolResult.of(
                    new EmbeddedResource(
                        new TextResourceContents(
                            "test://embedded-resource",
                            "text/plain",
                            "This is an embedded resource content.",
                            null),
                        null,
                        null))));
    b.tool(
        tool(
            "test_multiple_content_types",
            "Returns text, an image and a resource",
            (ctx, args) ->
                CallToolResult.of(
                    TextContent.of("Multiple content types test:"),
                    new ImageContent(PNG, "image/png", null, null),
                    new EmbeddedResource(
                        new TextResourceContents(
                            "test://mixed-content-resource",
                            "application/json",
                            "{\"test\":\"data\",\"value\":123}",
                            null),
                        null,
                        null))));
    b.tool(
        tool(
            "test_tool_with_logging",
            "Sends log messages while running",
            (ctx, args) -> {
              ctx.log(LoggingLevel.INFO, "Tool execution started");
              ctx.log(LoggingLevel.INFO, "Tool processing data");
              ctx.log(LoggingLevel.INFO, "Tool execution completed");
              return CallToolResult.text("Tool with logging executed successfully");
            }));
    b.tool(
        tool(
            "test_logging_tool",
            "Logs at every level; clients see messages only when they ask for a log level",
            (ctx, args) -> {
              ctx.log(LoggingLevel.INFO, "logging tool ran");
              ctx.log(LoggingLevel.ERROR, "logging tool error-level message");
              return CallToolResult.text("Logging tool done");
            }));
    b.tool(
        tool(
            "test_error_handling",
            "Always fails",
            (ctx, args) -> CallToolResult.error("This tool intentionally returns an error for testing")));
    b.tool(
        tool(
            "test_tool_with_progress",
            "Reports progress",
            (ctx, args) -> {
              ctx.progress(0, 100.0, null);
              ctx.progress(50, 100.0, null);
              ctx.progress(100, 100.0, null);
              return CallToolResult.text("Progress tool completed");
            }));
  }

}
