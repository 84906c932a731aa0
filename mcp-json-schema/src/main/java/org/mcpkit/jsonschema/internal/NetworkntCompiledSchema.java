package org.mcpkit.jsonschema.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.ValidationLimitExceededException;
import java.util.ArrayList;
import java.util.List;
import org.mcpkit.server.schema.CompiledSchema;
import org.mcpkit.server.schema.SchemaProblem;
import tools.jackson.databind.JsonNode;

/** A compiled networknt schema behind the core's {@link CompiledSchema}. */
final class NetworkntCompiledSchema implements CompiledSchema {
  /** Longest client-chosen text (a property name, a path) repeated in a message. */
  static final int MAX_CLIENT_CHARS = 128;

  private final Schema schema;
  private final long maxSteps;
  private final int maxDepth;

  NetworkntCompiledSchema(Schema schema, long maxSteps, int maxDepth) {
    this.schema = schema;
    this.maxSteps = maxSteps;
    this.maxDepth = maxDepth;
  }

  @Override
  public List<SchemaProblem> validate(Object instance) {
    JsonNode value = Compiler.MAPPER.valueToTree(instance);
    List<Error> errors;
    try {
      errors =
          schema.validate(
              value,
              ctx -> ctx.executionConfig(c -> c.maxEvaluationSteps(maxSteps).maxEvaluationDepth(maxDepth)));
    } catch (ValidationLimitExceededException e) {
      return List.of(new SchemaProblem("", "value is too complex to check against the input schema"));
    } catch (BoundedRegex.Exhausted e) {
      return List.of(new SchemaProblem("", "value is " + e.getMessage()));
    }
    List<SchemaProblem> problems = new ArrayList<>(errors.size());
    for (Error e : errors) {
      String pointer = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
      String subject = pointer.isEmpty() ? "value" : "argument '" + clientText(pointer) + "'";
      problems.add(new SchemaProblem(pointer, subject + ": " + clientText(detail(e), 400)));
    }
    return problems;
  }

  /** The validator's message without its leading instance location. */
  private static String detail(Error e) {
    String message = e.getMessage() == null ? "is invalid" : e.getMessage();
    String at = e.getInstanceLocation() == null ? null : e.getInstanceLocation().toString();
    if (at != null && message.startsWith(at + ": ")) {
      return message.substring(at.length() + 2);
    }
    return message;
  }

  private static String clientText(String text) {
    return clientText(text, MAX_CLIENT_CHARS);
  }

  /** At most {@code max} characters, control and format characters replaced by {@code ?}. */
  static String clientText(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
    int end = Math.min(text.length(), max);
    if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean printable =
          !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.UNASSIGNED;
      out.append(printable ? c : '?');
    }
    if (end < text.length()) {
      out.append('\u2026');
    }
    return out.toString();
  }
}
