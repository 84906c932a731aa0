package org.mcpkit.server.schema;

import java.util.Map;
import org.mcpkit.internal.schema.BuiltInSchemaProvider;

/**
 * Checks the arguments of tools registered with a raw input schema ({@link
 * org.mcpkit.server.ToolSpec#of}); tools whose arguments are a record are bound by the SDK
 * instead and never reach a provider.
 *
 * <p>Which provider a server uses, in order of precedence:
 *
 * <ol>
 *   <li>the one given to {@link org.mcpkit.server.McpServer.Builder#schemaValidator};
 *   <li>otherwise the one provider found by {@link java.util.ServiceLoader} (a module such as
 *       {@code mcp-json-schema} on the class or module path declares itself); two or more found
 *       fail {@code build()} with a message naming them, never an arbitrary pick;
 *   <li>otherwise {@link #builtIn()}.
 * </ol>
 *
 * <p>A provider compiles each schema once, when the tool is registered (at {@code build()} or
 * {@link org.mcpkit.server.McpServer#addTool}); a schema it cannot honour fails registration.
 * Implementations are thread-safe and must never fetch anything over the network.
 *
 * @since 0.1
 */
public interface SchemaValidatorProvider {
  /**
   * A short name for messages and logs, such as {@code built-in}.
   *
   * @return the name
   */
  String name();

  /**
   * Compiles a tool's input schema.
   *
   * @param schema the schema as the tool declares it (maps, lists and scalars); not modified
   * @return the compiled schema
   * @throws IllegalArgumentException when the schema is invalid or uses what this provider cannot
   *     check; the message says what and where (the server adds the tool's name)
   */
  CompiledSchema compile(Map<String, Object> schema);

  /**
   * The bounded built-in validator, refusing at registration the keywords it cannot check ({@link
   * UncheckedKeywords#REJECT}).
   *
   * @return the shared built-in provider
   */
  static SchemaValidatorProvider builtIn() {
    return BuiltInSchemaProvider.of(UncheckedKeywords.REJECT);
  }

  /**
   * The bounded built-in validator with the given policy for keywords it cannot check.
   *
   * @param policy reject such schemas at registration, or accept them and leave those keywords
   *     unchecked
   * @return the shared built-in provider for that policy
   */
  static SchemaValidatorProvider builtIn(UncheckedKeywords policy) {
    return BuiltInSchemaProvider.of(policy);
  }
}
