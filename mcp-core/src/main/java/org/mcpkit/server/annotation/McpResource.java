package org.mcpkit.server.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method a resource ({@link org.mcpkit.server.McpServer.Builder#annotated(Object)}):
 * a fixed one when {@link #uri()} is a plain URI, a resource template when it is an RFC 6570 URI
 * template ({@code notes://{name}}).
 *
 * <p>Parameters: one {@code String} (or {@code Optional<String>}) per template variable, named
 * after it (the parameter name or {@link McpArg#name()}), every variable bound; optionally a
 * {@link org.mcpkit.server.RequestContext}. A fixed resource takes no other parameter.
 *
 * <p>The return value: a {@code String} is the text contents of the requested URI (with {@link
 * #mimeType()}), a {@code byte[]} its blob contents, a {@link org.mcpkit.protocol.ReadResourceResult}
 * is sent as is. Throw {@link org.mcpkit.server.McpException#resourceNotFound} when the variables
 * name nothing; any other exception is logged and answered with a generic internal error.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpResource {
  /**
   * The resource's URI, or a URI template.
   *
   * @return the URI or template
   */
  String uri();

  /**
   * The programmatic name.
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
   * The MIME type of the contents.
   *
   * @return the MIME type; empty for none
   */
  String mimeType() default "";

  /**
   * OAuth scopes every read needs; see {@link McpTool#scopes()}.
   *
   * @return the scopes; empty for none
   */
  String[] scopes() default {};
}
