package org.mcpkit.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A human-readable description of a tool argument (a record component) or of a tool argument
 * record itself. The text becomes the {@code "description"} of the corresponding property, or of
 * the root object, in the JSON Schema derived from the record.
 *
 * <pre>{@code
 * @Description("Weather query")
 * record WeatherArgs(@Description("City name") String city, Optional<Integer> days) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.PARAMETER,
  ElementType.FIELD,
  ElementType.TYPE
})
public @interface Description {
  /**
   * The description text.
   *
   * @return the description, shown to clients and models as is
   */
  String value();
}
