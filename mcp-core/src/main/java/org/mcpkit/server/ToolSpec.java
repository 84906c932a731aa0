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
import org.mcpkit.protocol.Tool;

/**
 * A tool and the code that runs it. Immutable, and so safe to share between threads.
 *
 * @param tool the tool as listed to clients
 * @param handler the code, taking the argument map; for a {@linkplain #typed typed} tool, a
 *     wrapper that binds the map to the record before calling the typed handler
 * @param requiredCapabilities client capabilities every call needs (checked before the call,
 *     answered with -32021 when missing), or null when none
 */
public record ToolSpec(
    Tool tool, ToolHandler<Map<String, Object>> handler, ClientCapabilities requiredCapabilities) {

  /** Creates a spec. */
  public ToolSpec {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(handler, "handler");
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
    return new ToolSpec(tool, handler, Objects.requireNonNull(capabilities, "capabilities"));
  }

  /** A copy listed as the given tool (e.g. with a title or annotations added). */
  public ToolSpec withTool(Tool tool) {
    return new ToolSpec(tool, handler, requiredCapabilities);
  }

  /** The capabilities every call needs, if any. */
  public Optional<ClientCapabilities> requiredCapabilitiesOptional() {
    return Optional.ofNullable(requiredCapabilities);
  }
}
