package org.mcpkit.internal.schema;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.server.Description;

/**
 * The reflective view of a record used by schema derivation and argument binding: its components,
 * in declaration order, with their shapes, and its canonical constructor. Cached per class.
 *
 * @param type the record class
 * @param description the {@link Description} of the record type, if any
 * @param components the components in declaration order
 * @param constructor the canonical constructor, made accessible where possible
 */
record RecordModel(
    Class<?> type,
    Optional<String> description,
    List<Component> components,
    Constructor<?> constructor) {

  private static final ClassValue<RecordModel> CACHE =
      new ClassValue<>() {
        @Override
        protected RecordModel computeValue(Class<?> type) {
          return create(type);
        }
      };

  /**
   * One record component.
   *
   * @param name the component name, also the JSON property name
   * @param shape the JSON shape of the component type
   * @param description the {@link Description} of the component, if any
   * @param required true unless the component is an Optional (or OptionalInt and friends)
   */
  record Component(String name, Shape shape, Optional<String> description, boolean required) {}

  /**
   * The model of a record class.
   *
   * @throws IllegalArgumentException if the class is not a record or a component has an
   *     unsupported type
   */
  static RecordModel of(Class<?> type) {
    Objects.requireNonNull(type, "type");
    return CACHE.get(type);
  }

  /**
   * A model of a method's parameter list, bound like a record's components but constructed by no
   * constructor: {@code type} and {@code constructor} are null.
   */
  static RecordModel parameters(Optional<String> description, List<Component> components) {
    return new RecordModel(null, description, List.copyOf(components), null);
  }

  private static RecordModel create(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    RecordComponent[] recordComponents = type.getRecordComponents();
    List<Component> components = new ArrayList<>(recordComponents.length);
    Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
    for (int i = 0; i < recordComponents.length; i++) {
      RecordComponent rc = recordComponents[i];
      parameterTypes[i] = rc.getType();
      Shape shape;
      try {
        shape = Shape.of(rc.getGenericType());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            e.getMessage() + " for component '" + rc.getName() + "' of record " + type.getName(),
            e);
      }
      components.add(
          new Component(
              rc.getName(),
              shape,
              Optional.ofNullable(rc.getAnnotation(Description.class)).map(Description::value),
              shape.kind() != Shape.Kind.OPTIONAL));
    }
    Constructor<?> constructor;
    try {
      constructor = type.getDeclaredConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("no canonical constructor in " + type.getName(), e);
    }
    try {
      constructor.setAccessible(true);
    } catch (RuntimeException e) {
      // Not opened to us; a public constructor of an exported type still works.
    }
    return new RecordModel(
        type,
        Optional.ofNullable(type.getAnnotation(Description.class)).map(Description::value),
        List.copyOf(components),
        constructor);
  }
}
