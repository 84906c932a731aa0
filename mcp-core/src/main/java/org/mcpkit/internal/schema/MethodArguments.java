package org.mcpkit.internal.schema;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON arguments of a method (an annotated tool): their input schema and their binding to
 * the method's parameter values, by the same rules as a record's components ({@link
 * RecordSchemas}, {@link ArgumentBinder}), except what is required. An argument is required
 * unless its type is an {@code Optional} (or {@code OptionalInt} and friends), a boxed primitive
 * ({@code Integer}, {@code Boolean}, ...), or it is declared optional; an absent optional argument
 * binds to the empty optional or null. Immutable and thread-safe.
 */
public final class MethodArguments {
  private static final Set<Class<?>> BOXED =
      Set.of(
          Boolean.class, Character.class, Byte.class, Short.class, Integer.class, Long.class,
          Float.class, Double.class);

  /**
   * One argument as declared on the method.
   *
   * @param name the JSON property name
   * @param type the parameter's generic type
   * @param description the property's description, or empty
   * @param optional declared optional (a nullable parameter that may be absent)
   * @param position the parameter's index in the method's parameter list
   */
  public record Argument(String name, Type type, Optional<String> description, boolean optional, int position) {
    /** Checks the components. */
    public Argument {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(description, "description");
    }
  }

  private final RecordModel model;
  private final int[] positions;
  private final int arity;
  private final Map<String, Object> schema;
  /** The arguments are the whole parameter list, in order: the bound values are the array. */
  private final boolean direct;

  private MethodArguments(RecordModel model, int[] positions, int arity, Map<String, Object> schema) {
    this.model = model;
    this.positions = positions;
    this.arity = arity;
    this.schema = schema;
    boolean identity = positions.length == arity;
    for (int i = 0; i < positions.length && identity; i++) {
      identity = positions[i] == i;
    }
    this.direct = identity;
  }

  /**
   * The arguments of a method with {@code arity} parameters (the others are injected).
   *
   * @param description the description of the whole object schema, or empty
   * @throws IllegalArgumentException naming the argument when its type has no JSON mapping, a
   *     primitive is declared optional, or two arguments share a name
   */
  public static MethodArguments of(Optional<String> description, List<Argument> arguments, int arity) {
    List<RecordModel.Component> components = new ArrayList<>(arguments.size());
    int[] positions = new int[arguments.size()];
    Set<String> names = new HashSet<>();
    for (int i = 0; i < arguments.size(); i++) {
      Argument a = arguments.get(i);
      if (!names.add(a.name())) {
        throw new IllegalArgumentException("duplicate argument name '" + a.name() + "'");
      }
      Shape shape;
      try {
        shape = Shape.of(a.type());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("parameter '" + a.name() + "': " + e.getMessage(), e);
      }
      if (shape.kind() == Shape.Kind.RECORD) {
        try {
          RecordSchemas.outputSchema(shape.raw()); // rejects unsupported component types now
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("parameter '" + a.name() + "': " + e.getMessage(), e);
        }
      }
      boolean primitive = a.type() instanceof Class<?> c && c.isPrimitive();
      if (primitive && a.optional()) {
        throw new IllegalArgumentException(
            "parameter '" + a.name() + "': a primitive cannot be optional; use its wrapper type");
      }
      boolean required =
          !(a.optional() || shape.kind() == Shape.Kind.OPTIONAL || BOXED.contains(shape.raw()) && !primitive);
      components.add(new RecordModel.Component(a.name(), shape, a.description(), required));
      positions[i] = a.position();
    }
    RecordModel model = RecordModel.parameters(description, components);
    return new MethodArguments(model, positions, arity, RecordSchemas.parametersSchema(model));
  }

  /** The object schema of the arguments, immutable. */
  public Map<String, Object> inputSchema() {
    return schema;
  }

  /**
   * Checks and converts the call's arguments into a new array of the method's parameter values;
   * the injected parameters' slots are left null.
   *
   * @throws ArgumentException listing every problem
   */
  public Object[] bind(Map<String, Object> arguments) throws ArgumentException {
    Object[] values = ArgumentBinder.bindValues(arguments, model);
    if (direct) {
      return values;
    }
    Object[] out = new Object[arity];
    for (int i = 0; i < values.length; i++) {
      out[positions[i]] = values[i];
    }
    return out;
  }
}
