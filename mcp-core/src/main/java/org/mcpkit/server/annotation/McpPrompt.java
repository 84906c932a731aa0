package org.mcpkit.server.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method a prompt ({@link org.mcpkit.server.McpServer.Builder#annotated(Object)}).
 *
 * <p>Parameters are the prompt's arguments: {@code String} (required unless {@link
 * McpArg#optional()}) or {@code Optional<String>}, named after the parameter or {@link
 * McpArg#name()}, described by {@link McpArg#description()}; optionally a {@link
 * org.mcpkit.server.RequestContext}.
 *
 * <p>The return value: a {@code String} is one user message of text; a {@link
 * org.mcpkit.protocol.PromptMessage} or a {@code List<PromptMessage>} the messages; a {@link
 * org.mcpkit.protocol.GetPromptResult} is sent as is.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpPrompt {
  /**
   * The prompt's name.
   *
   * @return the name; empty (the default) for the method's name
   */
  String name() default "";

  /**
   * A display name.
   *
   * @return the title; empty for none
   */
  String title() default "";

  /**
   * A description.
   *
   * @return the description; empty for none
   */
  String description() default "";

  /**
   * OAuth scopes every get needs; see {@link McpTool#scopes()}.
   *
   * @return the scopes; empty for none
   */
  String[] scopes() default {};
}
