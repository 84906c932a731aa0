package org.mcpkit.server.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names, describes or makes optional one parameter of an {@link McpTool}, {@link McpPrompt} or
 * {@link McpResource} method. Without it a parameter is named after itself (which needs {@code
 * javac -parameters}) and has no description.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface McpArg {
  /**
   * The argument's name.
   *
   * @return the name; empty (the default) for the parameter's name
   */
  String name() default "";

  /**
   * What the argument means, for the model.
   *
   * @return the description; empty for none
   */
  String description() default "";

  /**
   * Whether the argument may be absent, in which case the parameter is null. Not needed for an
   * {@code Optional} or a boxed primitive, which are optional anyway; not allowed on a primitive.
   *
   * @return true for an optional argument
   */
  boolean optional() default false;
}
