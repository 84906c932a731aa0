package org.mcpkit.internal.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mcpkit.server.schema.CompiledSchema;
import org.mcpkit.server.schema.SchemaValidatorProvider;
import org.mcpkit.server.schema.UncheckedKeywords;

/**
 * The built-in provider: {@link SchemaValidator} behind the SPI. With {@link
 * UncheckedKeywords#REJECT} a schema with findings of {@link KeywordAudit} fails compilation.
 */
public final class BuiltInSchemaProvider implements SchemaValidatorProvider {
  private static final BuiltInSchemaProvider REJECTING = new BuiltInSchemaProvider(UncheckedKeywords.REJECT);
  private static final BuiltInSchemaProvider ACCEPTING = new BuiltInSchemaProvider(UncheckedKeywords.ACCEPT);

  private final UncheckedKeywords policy;

  private BuiltInSchemaProvider(UncheckedKeywords policy) {
    this.policy = policy;
  }

  /**
   * The provider for a policy.
   *
   * @param policy what to do with keywords the validator cannot check
   * @return the shared instance
   */
  public static BuiltInSchemaProvider of(UncheckedKeywords policy) {
    return Objects.requireNonNull(policy, "policy") == UncheckedKeywords.REJECT ? REJECTING : ACCEPTING;
  }

  @Override
  public String name() {
    return policy == UncheckedKeywords.REJECT ? "built-in" : "built-in (accepting unchecked keywords)";
  }

  @Override
  public CompiledSchema compile(Map<String, Object> schema) {
    Objects.requireNonNull(schema, "schema");
    if (policy == UncheckedKeywords.REJECT) {
      List<String> findings = KeywordAudit.findings(schema);
      if (!findings.isEmpty()) {
        throw new IllegalArgumentException(
            "the built-in schema validator cannot check "
                + named(findings)
                + "; add the mcp-json-schema module for all of JSON Schema 2020-12, or accept them"
                + " unchecked with SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT)");
      }
    }
    return instance -> SchemaValidator.problems(schema, instance);
  }

  private static String named(List<String> findings) {
    if (findings.size() <= KeywordAudit.MAX_FINDINGS) {
      return String.join(", ", findings);
    }
    return String.join(", ", findings.subList(0, KeywordAudit.MAX_FINDINGS))
        + " and " + (findings.size() - KeywordAudit.MAX_FINDINGS) + " more";
  }

  @Override
  public String toString() {
    return name();
  }
}
