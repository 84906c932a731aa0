package org.mcpkit.server.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a public method a tool ({@link org.mcpkit.server.McpServer.Builder#annotated(Object)}).
 *
 * <p>Parameters are the tool's arguments and its input schema: each named after the parameter
 * (compile with {@code -parameters}) or {@link McpArg#name()}, of any type a typed tool's record
 * component may have (strings, numbers, booleans, enums, lists, maps, records, {@code Optional},
 * dates, URIs, UUIDs); required unless it is an {@code Optional}, a boxed primitive or {@link
 * McpArg#optional()}. One parameter of type {@link org.mcpkit.server.RequestContext} is injected
 * instead. Arguments are checked before the method runs; a mismatch is an {@code isError} result
 * naming every problem.
 *
 * <p>The return value becomes the result: a {@code String} one text block; a record {@code
 * structuredContent} (with the record's {@code outputSchema} listed on the tool) and its JSON as
 * text; a {@link org.mcpkit.protocol.CallToolResult} as is; {@code void} an empty result. An
 * {@link org.mcpkit.server.McpException} thrown becomes its JSON-RPC error; any other exception an
 * {@code isError} result with a generic text (the details are logged, never sent).
 *
 * <pre>{@code
 * @McpTool(description = "Weather forecast for a city")
 * public Forecast weather(@McpArg(description = "City name") String city, Optional<Integer> days) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpTool {
  /**
   * The tool's name.
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
   * What the tool does, for the model.
   *
   * @return the description; empty for none
   */
  String description() default "";

  /**
   * OAuth scopes every call needs (enforced by an HTTP endpoint with a resource server; see
   * {@link org.mcpkit.server.McpServer.Builder#tool(org.mcpkit.server.ToolSpec, String...)}).
   *
   * @return the scopes; empty for none
   */
  String[] scopes() default {};
}
