package org.mcpkit.server;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.internal.schema.ArgumentBinder;
import org.mcpkit.internal.schema.ArgumentException;
import org.mcpkit.internal.schema.BoundToolHandler;
import org.mcpkit.internal.schema.RecordSchemas;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.task.TaskSupport;

/**
 * A tool and the code that runs it. Immutable, and so safe to share between threads.
 *
 * @param tool the tool as listed to clients
 * @param handler the code, taking the argument map; for a {@linkplain #typed typed} tool, a
 *     wrapper that binds the map to the record before calling the typed handler
 * @param requiredCapabilities client capabilities every call needs (checked before the call,
 *     answered with -32021 when missing), or null when none
 * @param taskSupport whether calls may run as tasks ({@link TaskSupport#FORBIDDEN} by default)
 * @param intake questions asked before the handler runs (and before a call becomes a task), by
 *     input key; the handler reads the answers with {@link RequestContext#elicit} and friends under
 *     the same keys. Empty by default
 */
public record ToolSpec(
    Tool tool,
    ToolHandler<Map<String, Object>> handler,
    ClientCapabilities requiredCapabilities,
    TaskSupport taskSupport,
    Map<String, InputRequest> intake) {

  /** Creates a spec. */
  public ToolSpec {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(taskSupport, "taskSupport");
    intake = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(intake, "intake")));
  }

  /** Creates a spec whose calls never run as tasks. */
  public ToolSpec(Tool tool, ToolHandler<Map<String, Object>> handler, ClientCapabilities requiredCapabilities) {
    this(tool, handler, requiredCapabilities, TaskSupport.FORBIDDEN, Map.of());
  }

  /**
   * A tool with a raw JSON Schema, served verbatim; its arguments reach the handler as a map after
   * they were checked against the schema (a mismatch is an {@code isError} result naming every
   * problem; see the SDK's schema validator for the keywords it understands).
   */
  public static ToolSpec of(Tool tool, ToolHandler<Map<String, Object>> handler) {
    return new ToolSpec(tool, handler, null);
  }

  /**
   * A tool whose arguments are a Java record: the input schema is derived from the record and
   * the arguments are bound to it. Invalid arguments produce an {@code isError} result that names
   * every problem; the handler is not called.
   */
  public static <A extends Record> ToolSpec typed(
      String name, String description, Class<A> argumentType, ToolHandler<A> handler) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(argumentType, "argumentType");
    Objects.requireNonNull(handler, "handler");
    Map<String, Object> schema = RecordSchemas.inputSchema(argumentType);
    Tool tool = Tool.builder(name, schema).description(description).build();
    BoundToolHandler bound =
        (ctx, arguments) -> {
          A args;
          try {
            args = ArgumentBinder.bind(arguments, argumentType);
          } catch (ArgumentException e) {
            return CallToolResult.error("Invalid arguments for tool '" + name + "': " + e.getMessage());
          }
          return handler.call(ctx, args);
        };
    return new ToolSpec(tool, bound, null);
  }

  /** A copy whose calls require the given client capabilities. */
  public ToolSpec requiring(ClientCapabilities capabilities) {
    return new ToolSpec(tool, handler, Objects.requireNonNull(capabilities, "capabilities"), taskSupport, intake);
  }

  /** A copy listed as the given tool (e.g. with a title or annotations added). */
  public ToolSpec withTool(Tool tool) {
    return new ToolSpec(tool, handler, requiredCapabilities, taskSupport, intake);
  }

  /**
   * A copy whose calls may (or must) run as tasks: the client gets a task at once and the same
   * handler runs in the background; see {@link TaskSupport}.
   */
  public ToolSpec withTaskSupport(TaskSupport support) {
    return new ToolSpec(tool, handler, requiredCapabilities, Objects.requireNonNull(support, "support"), intake);
  }

  /**
   * A copy that asks these questions before its handler runs: a 2026-07-28 client answers them
   * through input-required rounds on the call itself (so a task starts only once they are
   * answered), a 2025-era session through server requests. Keys must be stable; the handler finds
   * the answers under them.
   */
  public ToolSpec withIntake(Map<String, InputRequest> questions) {
    return new ToolSpec(tool, handler, requiredCapabilities, taskSupport, Objects.requireNonNull(questions, "questions"));
  }

  /** The capabilities every call needs, if any. */
  public Optional<ClientCapabilities> requiredCapabilitiesOptional() {
    return Optional.ofNullable(requiredCapabilities);
  }
}
