package org.mcpkit.spring.boot.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.CompletionHandler;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.observe.RequestObservation;
import org.mcpkit.server.observe.RequestStart;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.spring.boot.McpEndpointCustomizer;
import org.mcpkit.spring.boot.McpServerCustomizer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application as a user writes it: feature beans, one observer, one customizer of each kind. */
@SpringBootApplication
public class StarterTestApplication {
  /** Arguments of the typed tool. */
  public record EchoArgs(String text) {}

  /** Records the methods the observer saw. */
  public static final class RecordingObserver implements ServerObserver {
    final List<String> methods = new CopyOnWriteArrayList<>();

    @Override
    public RequestObservation requestStarted(RequestStart start) {
      methods.add(start.method() + start.toolName().map(t -> ":" + t).orElse(""));
      return RequestObservation.none();
    }
  }

  @Bean
  ToolSpec echoTool() {
    return ToolSpec.typed("echo", "Echoes the text", EchoArgs.class,
        (ctx, a) -> CallToolResult.text("echo: " + a.text()));
  }

  @Bean
  ResourceSpec greetingResource() {
    return ResourceSpec.of(
        new Resource("test://greeting", "greeting", null, "A greeting", "text/plain", null, null, null, null),
        (ctx, uri, vars) -> new ReadResourceResult(
            List.of(new TextResourceContents(uri, "text/plain", "hello", null)), null));
  }

  @Bean
  PromptSpec greetPrompt() {
    return PromptSpec.of(
        new Prompt("greet", null, "Greets", List.of(), null, null),
        (ctx, r) -> new GetPromptResult(null, List.of(PromptMessage.user(TextContent.of("Say hello"))), null));
  }

  @Bean
  CompletionHandler completions() {
    return (ctx, r) -> CompleteResult.of(List.of("one", "two"));
  }

  @Bean
  RecordingObserver recordingObserver() {
    return new RecordingObserver();
  }

  @Bean
  McpServerCustomizer lambdaTools() {
    return b -> b.tool(ToolSpec.of(
        Tool.builder("add", Map.of("type", "object", "properties",
            Map.of("a", Map.of("type", "integer"), "b", Map.of("type", "integer")))).description("Adds").build(),
        (ctx, args) -> CallToolResult.text(String.valueOf(
            ((Number) args.get("a")).longValue() + ((Number) args.get("b")).longValue()))));
  }

  @Bean
  McpEndpointCustomizer fewerQueuedEvents() {
    return options -> options.maxQueuedEvents(64);
  }
}
