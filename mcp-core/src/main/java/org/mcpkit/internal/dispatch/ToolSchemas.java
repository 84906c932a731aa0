package org.mcpkit.internal.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.mcpkit.internal.schema.BoundToolHandler;
import org.mcpkit.internal.schema.SchemaValidator;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.schema.CompiledSchema;
import org.mcpkit.server.schema.SchemaProblem;
import org.mcpkit.server.schema.SchemaValidatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled input schemas of tools registered with a raw schema, by tool name: compiled once
 * when the tool is registered, used by every call. Thread-safe.
 */
final class ToolSchemas {
  private static final Logger LOG = LoggerFactory.getLogger(ToolSchemas.class);
  /** Longest problem message sent; longer ones are cut. */
  static final int MAX_MESSAGE_CHARS = 500;

  private record Entry(ToolSpec spec, CompiledSchema schema) {}

  private final SchemaValidatorProvider provider;
  private final Map<String, Entry> compiled = new ConcurrentHashMap<>();

  ToolSchemas(SchemaValidatorProvider provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /** The provider in use. */
  SchemaValidatorProvider provider() {
    return provider;
  }

  /**
   * Compiles a tool's schema before it is registered (typed tools are bound by their record and
   * skipped).
   *
   * @throws IllegalArgumentException naming the tool, when the provider refuses the schema
   */
  void register(ToolSpec spec) {
    if (spec.handler() instanceof BoundToolHandler) {
      compiled.remove(spec.tool().name());
      return;
    }
    compiled.put(spec.tool().name(), new Entry(spec, compile(spec)));
  }

  void remove(String name) {
    compiled.remove(name);
  }

  private CompiledSchema compile(ToolSpec spec) {
    try {
      return Objects.requireNonNull(provider.compile(spec.tool().inputSchema()), "compiled schema");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Tool '" + spec.tool().name() + "': " + e.getMessage(), e);
    }
  }

  /**
   * The problems of a call's arguments as messages: at most {@link SchemaValidator#MAX_PROBLEMS}
   * and a count of the rest, each sanitized and at most {@link #MAX_MESSAGE_CHARS} long.
   */
  List<String> check(ToolSpec spec, Map<String, Object> arguments) {
    Entry entry = compiled.get(spec.tool().name());
    CompiledSchema schema;
    if (entry != null && entry.spec() == spec) {
      schema = entry.schema();
    } else {
      schema = compile(spec); // replaced while this call was admitted: check against its own spec
    }
    List<SchemaProblem> problems;
    try {
      problems = schema.validate(arguments);
    } catch (RuntimeException e) {
      LOG.error("Schema validator {} failed on the arguments of tool {}", provider.name(), spec.tool().name(), e);
      return List.of("the arguments could not be checked against the input schema");
    }
    List<String> messages = new ArrayList<>(Math.min(problems.size(), SchemaValidator.MAX_PROBLEMS + 1));
    for (SchemaProblem p : problems) {
      if (messages.size() == SchemaValidator.MAX_PROBLEMS) {
        messages.add("and " + (problems.size() - SchemaValidator.MAX_PROBLEMS) + " more problems");
        break;
      }
      messages.add(sanitized(p.message()));
    }
    return messages;
  }

  private static String sanitized(String message) {
    StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE_CHARS + 1));
    for (int i = 0; i < message.length() && out.length() < MAX_MESSAGE_CHARS; i++) {
      char c = message.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (message.length() > MAX_MESSAGE_CHARS) {
      if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
        out.setLength(out.length() - 1); // never cut a surrogate pair in half
      }
      out.append('\u2026');
    }
    return out.toString();
  }
}
