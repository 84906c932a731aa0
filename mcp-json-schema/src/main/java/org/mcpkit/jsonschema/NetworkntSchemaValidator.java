package org.mcpkit.jsonschema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.mcpkit.jsonschema.internal.Compiler;
import org.mcpkit.server.schema.CompiledSchema;
import org.mcpkit.server.schema.SchemaValidatorProvider;

/**
 * Full JSON Schema for tools registered with a raw input schema, on the networknt
 * json-schema-validator: draft 2020-12 by default ({@code if}/{@code then}/{@code else}, {@code
 * patternProperties}, {@code dependentRequired}, {@code dependentSchemas}, {@code $anchor}, {@code
 * $dynamicRef}, {@code unevaluatedProperties}, ...), or the draft a schema names in {@code
 * $schema} (4, 6, 7, 2019-09); any other {@code $schema} fails registration.
 *
 * <p>On the class path (or module path) this module is found by {@link java.util.ServiceLoader}
 * and used with the defaults below by every server that was not given a validator; give one
 * explicitly with {@code McpServer.Builder.schemaValidator(NetworkntSchemaValidator.builder()...
 * .build())} to change them.
 *
 * <ul>
 *   <li><b>No network, no files.</b> A {@code $ref} resolves within the schema (JSON Pointer,
 *       {@code $anchor}, {@code $id}), to the meta-schemas of the JSON Schema drafts that ship in
 *       the validator's jar, or to a schema given to {@link Builder#knownSchema}; any other URI
 *       (http, https, file, jar, classpath) is refused when the tool is registered, and nothing is
 *       ever fetched: a schema must not make the server open connections chosen by whoever wrote
 *       it.
 *   <li><b>{@code format}</b> is an annotation by default, as draft 2020-12 specifies; {@link
 *       Builder#assertFormats} makes it an assertion for the formats the validator knows
 *       ({@code date-time}, {@code email}, {@code uuid}, {@code ipv4}, {@code uri}, ...).
 *   <li><b>Bounded.</b> A call's check stops after {@link Builder#maxEvaluationSteps} steps or
 *       {@link Builder#maxEvaluationDepth} nested evaluations, and a {@code pattern} match after a
 *       budget of character reads, with a problem saying so; the server sends at most 20 problems.
 * </ul>
 *
 * <p>Problems carry the JSON Pointer of the failing value and read {@code argument '/age': ...}
 * ({@code value: ...} for the arguments object itself). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class NetworkntSchemaValidator implements SchemaValidatorProvider {
  /** Default most evaluation steps of one call's check. */
  public static final long DEFAULT_MAX_EVALUATION_STEPS = 100_000;
  /** Default deepest nesting of evaluations of one call's check. */
  public static final int DEFAULT_MAX_EVALUATION_DEPTH = 64;

  private final Compiler compiler;

  /** The validator with the defaults: draft 2020-12, formats as annotations, no known schemas. */
  public NetworkntSchemaValidator() {
    this(builder());
  }

  private NetworkntSchemaValidator(Builder b) {
    this.compiler =
        new Compiler(b.assertFormats, Map.copyOf(b.knownSchemas), b.maxEvaluationSteps, b.maxEvaluationDepth);
  }

  /**
   * Starts configuring a validator.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "networknt json-schema-validator";
  }

  @Override
  public CompiledSchema compile(Map<String, Object> schema) {
    return compiler.compile(Objects.requireNonNull(schema, "schema"));
  }

  @Override
  public String toString() {
    return name();
  }

  /** Configures a {@link NetworkntSchemaValidator}. Not thread-safe. */
  public static final class Builder {
    private boolean assertFormats;
    private final Map<String, Map<String, Object>> knownSchemas = new LinkedHashMap<>();
    private long maxEvaluationSteps = DEFAULT_MAX_EVALUATION_STEPS;
    private int maxEvaluationDepth = DEFAULT_MAX_EVALUATION_DEPTH;

    private Builder() {}

    /**
     * Whether {@code format} asserts (a string that is not a valid {@code email} fails) rather
     * than annotates. Default false, as draft 2020-12 specifies.
     *
     * @param assertFormats true to check formats
     * @return this builder
     */
    public Builder assertFormats(boolean assertFormats) {
      this.assertFormats = assertFormats;
      return this;
    }

    /**
     * A schema that {@code $ref}s may name by this absolute URI; it is held in memory and never
     * fetched. The only way to share definitions between tools' schemas by URI.
     *
     * @param uri the absolute URI, without a fragment
     * @param schema the schema document
     * @return this builder
     */
    public Builder knownSchema(String uri, Map<String, Object> schema) {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(schema, "schema");
      if (!uri.matches("[A-Za-z][A-Za-z0-9+.-]*:[^#]*")) {
        throw new IllegalArgumentException("a known schema needs an absolute URI without a fragment: " + uri);
      }
      knownSchemas.put(uri, schema);
      return this;
    }

    /**
     * The most evaluation steps of one call's check (default {@value
     * NetworkntSchemaValidator#DEFAULT_MAX_EVALUATION_STEPS}).
     *
     * @param steps at least 1
     * @return this builder
     */
    public Builder maxEvaluationSteps(long steps) {
      if (steps < 1) {
        throw new IllegalArgumentException("maxEvaluationSteps must be positive");
      }
      this.maxEvaluationSteps = steps;
      return this;
    }

    /**
     * The deepest nesting of evaluations of one call's check (default {@value
     * NetworkntSchemaValidator#DEFAULT_MAX_EVALUATION_DEPTH}).
     *
     * @param depth at least 1
     * @return this builder
     */
    public Builder maxEvaluationDepth(int depth) {
      if (depth < 1) {
        throw new IllegalArgumentException("maxEvaluationDepth must be positive");
      }
      this.maxEvaluationDepth = depth;
      return this;
    }

    /**
     * Builds the validator; known schemas are copied as they are now.
     *
     * @return the validator
     */
    public NetworkntSchemaValidator build() {
      return new NetworkntSchemaValidator(this);
    }
  }
}
