package org.mcpkit.examples.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptArgument;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.server.Description;
import org.mcpkit.server.McpException;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * A tour of the SDK on embedded Undertow: typed tools, progress, asking the user (both protocol
 * eras), notes served as resources from a directory (path traversal refused), a resource template,
 * a prompt with completions, update notifications when a note changes, a task-capable report and
 * two small skills ({@link SampleSkills}). Settings come from
 * environment variables, see {@link ExampleConfig}; metrics (Prometheus, CloudWatch EMF) are off
 * unless {@link MonitoringConfig} turns them on.
 */
public final class FeatureTour {
  private FeatureTour() {}

  /** Arguments of {@code weather}. */
  public record WeatherArgs(@Description("City name") String city, @Description("Days ahead, 1-7") int days) {}

  /** Arguments of {@code countdown}. */
  public record CountdownArgs(@Description("Steps to count, 1-20") int steps) {}

  /** Arguments of {@code report}. */
  public record ReportArgs(@Description("Sections to write, 1-10") int sections) {}

  /** Arguments of {@code write_note}. */
  public record NoteArgs(@Description("Note name: letters, digits, '-' or '_'") String name, @Description("Text") String text) {}

  /** Builds the tour server over the notes in {@code dir}. */
  public static McpServer create(Path dir) {
    return create(dir, ServerObserver.none());
  }

  /** Builds the tour server over the notes in {@code dir}, observed by {@code observer} (metrics). */
  public static McpServer create(Path dir, ServerObserver observer) {
    return create(dir, observer, java.util.function.UnaryOperator.identity());
  }

  /**
   * As {@link #create(Path, ServerObserver)}, with {@code extra} applied to the builder last (sealing
   * keys, a notification bus).
   */
  public static McpServer create(Path dir, ServerObserver observer, java.util.function.UnaryOperator<McpServer.Builder> extra) {
    Notes notes = new Notes(dir);
    McpServer.Builder b =
        McpServer.builder(Implementation.of("mcpkit-feature-tour", "0.1.0"))
            .observer(observer)
            .instructions("Weather, a countdown with progress, a table booking that asks questions, notes, and a long report.")
            .tool("weather", "Weather forecast for a city", WeatherArgs.class, (ctx, a) -> {
              if (a.days() < 1 || a.days() > 7) {
                return CallToolResult.error("days must be between 1 and 7");
              }
              Map<String, Object> forecast = Map.of("city", a.city(), "days", a.days(), "sky", "sunny", "celsius", 21);
              return CallToolResult.structured(forecast, a.city() + ": sunny, 21°C for " + a.days() + " day(s)");
            })
            .tool("countdown", "Counts down, reporting progress", CountdownArgs.class, (ctx, a) -> {
              if (a.steps() < 1 || a.steps() > 20) {
                return CallToolResult.error("steps must be between 1 and 20");
              }
              for (int i = 1; i <= a.steps() && !ctx.isCancelled(); i++) {
                ctx.progress(i, (double) a.steps(), (a.steps() - i) + " to go");
              }
              return CallToolResult.text("Liftoff after " + a.steps() + " step(s)");
            })
            .tool(org.mcpkit.server.ToolSpec.of(
                org.mcpkit.protocol.Tool.builder("book_table", Map.of("type", "object", "additionalProperties", false))
                    .description("Books a table, asking the user for the details")
                    .build(),
                (ctx, args) -> {
                  ElicitResult answer = ctx.elicit("booking", ElicitRequest.form(
                      "Who is the table for?",
                      Map.of(
                          "type", "object",
                          "properties", Map.of(
                              "name", Map.of("type", "string", "title", "Name"),
                              "guests", Map.of("type", "integer", "minimum", 1, "maximum", 12, "title", "Guests")),
                          "required", List.of("name", "guests"))));
                  if (!answer.accepted()) {
                    return CallToolResult.text("No booking made.");
                  }
                  return CallToolResult.text(
                      "Table for " + answer.content().get("guests") + " booked under " + answer.content().get("name") + ".");
                }))
            .tool("write_note", "Creates or replaces a note; subscribers are told", NoteArgs.class, (ctx, a) -> {
              if (!Notes.isValidName(a.name())) {
                return CallToolResult.error(
                    "Invalid note name '" + a.name() + "': use 1-64 letters, digits, '-' or '_'");
              }
              Path file = notes.resolve(a.name());
              boolean existed = Files.exists(file);
              Files.writeString(file, a.text(), StandardCharsets.UTF_8);
              notes.changed(a.name());
              return CallToolResult.text((existed ? "Updated " : "Created ") + Notes.uri(a.name()));
            })
            // A long call: a client declaring the tasks extension gets a task at once and polls
            // tasks/get (progress shows as the status message) or cancels it with tasks/cancel.
            .tool(org.mcpkit.server.ToolSpec.typed("report", "Writes a long report (a task for clients that allow it)",
                    ReportArgs.class, (ctx, a) -> {
                  if (a.sections() < 1 || a.sections() > 10) {
                    return CallToolResult.error("sections must be between 1 and 10");
                  }
                  for (int i = 1; i <= a.sections(); i++) {
                    Thread.sleep(300); // the work of one section
                    if (ctx.isCancelled()) {
                      return CallToolResult.text("Report stopped after " + (i - 1) + " section(s)");
                    }
                    ctx.progress(i, (double) a.sections(), "Section " + i + " of " + a.sections() + " written");
                  }
                  return CallToolResult.text("Report of " + a.sections() + " section(s) ready");
                }).withTaskSupport(org.mcpkit.server.task.TaskSupport.OPTIONAL))
            .resourceTemplate(ResourceTemplateSpec.of(
                new ResourceTemplate("notes:///{name}", "note", null, "A note from the notes directory",
                    "text/plain", null, null, null),
                (ctx, uri, vars) -> notes.read(uri, vars.get("name")))
                .withCompletion((ctx, req) -> CompleteResult.of(notes.namesStartingWith(req.argument().value()))))
            .prompt(PromptSpec.of(
                new Prompt("summarize_note", null, "Asks the model to summarize a note",
                    List.of(new PromptArgument("name", null, "The note", true)), null, null),
                (ctx, req) -> {
                  String name = req.arguments().get("name");
                  ReadResourceResult note = notes.read(Notes.uri(name), name);
                  String text = ((TextResourceContents) note.contents().get(0)).text();
                  return new GetPromptResult("Summarize " + name, List.of(
                      PromptMessage.user(TextContent.of("Summarize this note in one sentence:\n\n" + text))), null);
                })
                .withCompletion((ctx, req) -> CompleteResult.of(notes.namesStartingWith(req.argument().value()))));
    for (String name : notes.namesStartingWith("")) {
      b.resource(ResourceSpec.of(notes.resource(name), (ctx, uri, vars) -> notes.read(uri, name)));
    }
    b.skills(SampleSkills.tour()); // the skills extension: two small skills
    McpServer server = extra.apply(b).build();
    notes.onChange(name -> {
      server.addResource(ResourceSpec.of(notes.resource(name), (ctx, uri, vars) -> notes.read(uri, name)));
      server.notifyResourceUpdated(Notes.uri(name));
    });
    return server;
  }

  /** Starts the tour on Undertow and prints its URL. */
  public static void main(String[] args) throws IOException {
    ExampleLogging.install(); // container start-up lines through SLF4J, quiet by default
    ExampleConfig config = ExampleConfig.fromEnvOrExit();
    MonitoringConfig metrics = MonitoringConfig.fromEnvOrExit();
    Path dir = config.dataDir().isPresent() ? config.dataDir().get() : sampleNotes();
    Monitoring monitoring = Monitoring.start(config.host(), metrics, System.out);
    AuthConfig auth = ExampleConfig.fromEnvOrExit(AuthConfig::fromEnv);
    StreamConfig stream = ExampleConfig.fromEnvOrExit(StreamConfig::fromEnv);
    TlsConfig tls = ExampleConfig.fromEnvOrExit(TlsConfig::fromEnv);
    SealingConfig sealing = ExampleConfig.fromEnvOrExit(SealingConfig::fromEnv);
    java.util.Optional<org.mcpkit.redis.McpRedis> redis = ExampleConfig.fromEnvOrExit(RedisConfig::fromEnv).connect();
    McpServer server = create(dir, monitoring.observer(), b -> {
      sealing.apply(b);
      redis.ifPresent(r -> b.notificationBus(r.notificationBus()));
      return b;
    });
    org.mcpkit.server.http.HttpEndpointOptions.Builder options = stream.apply(config.endpointOptions().toBuilder());
    redis.ifPresent(r -> r.endpointOptions(options));
    org.mcpkit.server.http.HttpEndpointOptions endpointOptions = options.build();
    UndertowMcpServer http = start(config, ShutdownConfig.fromEnvOrExit(), server, auth.resourceServer(), b -> {
      b.options(endpointOptions);
      tls.apply(b);
      redis.ifPresent(r -> b.readinessCheck(r::isReachable));
      return b;
    });
    CleanExit.onSigterm();
    auth.resourceServer().ifPresent(rs -> System.out.println(
        "OAuth on: tokens of " + auth.issuer().get() + " for " + rs.resource() + "; metadata at " + rs.metadataUrl()));
    System.out.println("MCP feature tour listening at " + http.url() + " (notes in " + dir + ")");
    if (monitoring.port() >= 0) {
      System.out.println("Prometheus metrics at http://" + config.host() + ":" + monitoring.port() + metrics.path());
    }
  }

  /**
   * Serves {@code server} on Undertow with the host, port, path and allowed origins of {@code
   * config}, draining on SIGTERM. Closing the result does not close {@code server}.
   */
  public static UndertowMcpServer start(ExampleConfig config, McpServer server) {
    return start(config, ShutdownConfig.DEFAULT, server, java.util.Optional.empty());
  }

  /** As {@link #start(ExampleConfig, McpServer)}, as an OAuth resource server when {@code auth} is present. */
  public static UndertowMcpServer start(
      ExampleConfig config, McpServer server, java.util.Optional<org.mcpkit.server.auth.ResourceServer> auth) {
    return start(config, ShutdownConfig.DEFAULT, server, auth);
  }

  /** As {@link #start(ExampleConfig, ShutdownConfig, McpServer, java.util.Optional)}, without OAuth. */
  public static UndertowMcpServer start(ExampleConfig config, ShutdownConfig shutdown, McpServer server) {
    return start(config, shutdown, server, java.util.Optional.empty());
  }

  /**
   * Serves {@code server} on Undertow with the host, port, path and allowed origins of {@code
   * config}, draining on SIGTERM within the drain timeout of {@code shutdown} (readiness 503 at once,
   * streams end with {@code retry:}, in-flight calls finish), as an OAuth resource server when {@code
   * auth} is present. Closing the result does not close {@code server}.
   */
  public static UndertowMcpServer start(
      ExampleConfig config,
      ShutdownConfig shutdown,
      McpServer server,
      java.util.Optional<org.mcpkit.server.auth.ResourceServer> auth) {
    return start(config, shutdown, server, auth, java.util.function.UnaryOperator.identity());
  }

  /**
   * As {@link #start(ExampleConfig, ShutdownConfig, McpServer, java.util.Optional)}, with {@code
   * extra} applied to the Undertow builder last (TLS, endpoint options, a readiness check).
   */
  public static UndertowMcpServer start(
      ExampleConfig config,
      ShutdownConfig shutdown,
      McpServer server,
      java.util.Optional<org.mcpkit.server.auth.ResourceServer> auth,
      java.util.function.UnaryOperator<UndertowMcpServer.Builder> extra) {
    UndertowMcpServer.Builder b = UndertowMcpServer.builder(server)
        .drainTimeout(shutdown.drainTimeout())
        .host(config.host()).port(config.port()).path(config.path())
        .options(config.endpointOptions())
        .shutdownHook(true);
    auth.ifPresent(b::resourceServer);
    return extra.apply(b).build().start();
  }

  /** A temporary directory with two sample notes. */
  public static Path sampleNotes() throws IOException {
    Path dir = Files.createTempDirectory("mcpkit-notes");
    Files.writeString(dir.resolve("welcome"), "Welcome to the mcpkit feature tour.");
    Files.writeString(dir.resolve("groceries"), "Milk, eggs, bread.");
    return dir;
  }

  /** The notes directory: names are checked so no path can leave it. */
  static final class Notes {
    private final Path dir;
    private volatile java.util.function.Consumer<String> onChange = n -> {};

    Notes(Path dir) {
      this.dir = dir.toAbsolutePath().normalize();
    }

    static String uri(String name) {
      return "notes:///" + name;
    }

    void onChange(java.util.function.Consumer<String> listener) {
      this.onChange = listener;
    }

    void changed(String name) {
      onChange.accept(name);
    }

    /** Whether {@code name} is a plain note name: 1-64 letters, digits, '-' or '_'. */
    static boolean isValidName(String name) {
      return name != null && name.matches("[A-Za-z0-9_-]{1,64}");
    }

    /** Rejects anything but a plain name, then double-checks the path stays in the directory. */
    Path resolve(String name) {
      if (!isValidName(name)) {
        throw McpException.invalidParams("Invalid note name: use 1-64 letters, digits, '-' or '_'");
      }
      Path file = dir.resolve(name).normalize();
      if (!file.startsWith(dir)) {
        throw McpException.invalidParams("Invalid note name");
      }
      return file;
    }

    ReadResourceResult read(String uri, String name) {
      Path file;
      try {
        file = resolve(name);
      } catch (McpException e) {
        throw McpException.resourceNotFound(uri);
      }
      if (!Files.isRegularFile(file)) {
        throw McpException.resourceNotFound(uri);
      }
      try {
        return new ReadResourceResult(
            List.of(new TextResourceContents(uri, "text/plain", Files.readString(file, StandardCharsets.UTF_8), null)), null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Resource resource(String name) {
      return new Resource(uri(name), name, null, "Note " + name, "text/plain", null, null, null, null);
    }

    List<String> namesStartingWith(String prefix) {
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(Files::isRegularFile)
            .map(p -> p.getFileName().toString())
            .filter(n -> isValidName(n) && n.startsWith(prefix))
            .sorted()
            .limit(100)
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
