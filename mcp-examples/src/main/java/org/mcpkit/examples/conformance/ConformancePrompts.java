package org.mcpkit.examples.conformance;

import static org.mcpkit.examples.conformance.ConformanceServer.PNG;

import java.util.List;
import java.util.Map;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.EmbeddedResource;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.ImageContent;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptArgument;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;

/**
 * The prompts the suite gets: without arguments, with arguments (and their completion), with an
 * embedded resource, with an image, and one that asks for context through an input-required result.
 */
final class ConformancePrompts {
  private ConformancePrompts() {}

  /** Registers the prompts, in the order prompts/list shows them. */
  static void register(McpServer.Builder b) {
    b.prompt(
        PromptSpec.of(
            prompt("test_simple_prompt", "A simple prompt without arguments"),
            (ctx, r) ->
                messages(PromptMessage.user(TextContent.of("This is a simple prompt for testing.")))));
    b.prompt(
        PromptSpec.of(
                prompt(
                    "test_prompt_with_arguments",
                    "A prompt with arguments",
                    required("arg1", "First argument"),
                    required("arg2", "Second argument")),
                (ctx, r) ->
                    messages(
                        PromptMessage.user(
                            TextContent.of(
                                "Prompt with arguments: arg1='"
                                    + r.arguments().get("arg1")
                                    + "', arg2='"
                                    + r.arguments().get("arg2")
                                    + "'"))))
            .withCompletion(
                (ctx, r) ->
                    CompleteResult.of(
                        List.of("test", "testing", "tested").stream()
                            .filter(v -> v.startsWith(r.argument().value()))
                            .toList())));
    b.prompt(
        PromptSpec.of(
            prompt(
                "test_prompt_with_embedded_resource",
                "A prompt with an embedded resource",
                required("resourceUri", "URI of the resource to embed")),
            (ctx, r) ->
                messages(
                    PromptMessage.user(
                        new EmbeddedResource(
                            new TextResourceContents(
                                r.arguments().get("resourceUri"),
                                "text/plain",
                                "Embedded resource content for testing.",
                                null),
                            null,
                            null)),
                    PromptMessage.user(TextContent.of("Please process the embedded resource above.")))));
    b.prompt(
        PromptSpec.of(
            prompt("test_prompt_with_image", "A prompt with an image"),
            (ctx, r) ->
                messages(
                    PromptMessage.user(new ImageContent(PNG, "image/png", null, null)),
                    PromptMessage.user(TextContent.of("Please analyze the image above.")))));
    b.prompt(
        PromptSpec.of(
            prompt("test_input_required_result_prompt", "A prompt that asks for context first"),
            (ctx, r) -> {
              ElicitResult context =
                  ctx.elicit(
                      "context",
                      ElicitRequest.form(
                          "What context should the prompt use?",
                          Map.of(
                              "type", "object",
                              "properties", Map.of("context", Map.of("type", "string")),
                              "required", List.of("context"))));
              return messages(
                  PromptMessage.user(
                      TextContent.of("Prompt with context: " + context.content().get("context"))));
            }));
  }

  /** A prompt with the given arguments. */
  static Prompt prompt(String name, String description, PromptArgument... args) {
    return new Prompt(name, null, description, List.of(args), null, null);
  }

  private static PromptArgument required(String name, String description) {
    return new PromptArgument(name, null, description, true);
  }

  /** A prompt result with the given messages. */
  static GetPromptResult messages(PromptMessage... messages) {
    return new GetPromptResult(null, List.of(messages), null);
  }
}
