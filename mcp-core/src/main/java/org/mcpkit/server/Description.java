package org.mcpkit.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a tool argument (a record component) or a whole argument record; the text becomes the
 * {@code description} of the derived JSON Schema.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE})
public @interface Description {
  /** The description. */
  String value();
}
