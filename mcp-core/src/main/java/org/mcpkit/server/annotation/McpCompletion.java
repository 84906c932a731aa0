package org.mcpkit.server.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method complete one argument of a prompt or one variable of a resource template
 * declared on the same object ({@link org.mcpkit.server.McpServer.Builder#annotated(Object)}).
 * Exactly one of {@link #prompt()} and {@link #resource()} is set.
 *
 * <p>Parameters: one {@code String}, the partial value typed so far; optionally a {@link
 * org.mcpkit.server.RequestContext} and a {@link org.mcpkit.protocol.CompleteRequest} (the other
 * arguments already given are in its context). The return value: a {@code List<String>} of at most
 * 100 values, or a {@link org.mcpkit.protocol.CompleteResult} as is.
 *
 * <pre>{@code
 * @McpCompletion(prompt = "greet", argument = "language")
 * public List<String> languages(String prefix) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpCompletion {
  /**
   * The name of the prompt whose argument this completes.
   *
   * @return the prompt name; empty when completing a resource template
   */
  String prompt() default "";

  /**
   * The URI template of the resource template whose variable this completes.
   *
   * @return the template; empty when completing a prompt
   */
  String resource() default "";

  /**
   * The argument (or template variable) completed.
   *
   * @return its name
   */
  String argument();
}
