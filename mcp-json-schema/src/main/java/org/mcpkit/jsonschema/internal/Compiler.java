package org.mcpkit.jsonschema.internal;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.SchemaLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mcpkit.server.schema.CompiledSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compiles schemas with the networknt validator: one registry per schema (so two tools' {@code
 * $id}s never meet in a shared cache), loading only the drafts' meta-schemas (from the validator's
 * jar) and the known schemas (from memory), never anything else.
 */
public final class Compiler {
  /** Converts the core's maps, lists and scalars to Jackson 3 trees. */
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final boolean assertFormats;
  private final Map<String, String> knownSchemas;
  private final long maxSteps;
  private final int maxDepth;

  /**
   * Creates a compiler.
   *
   * @param assertFormats whether {@code format} asserts
   * @param knownSchemas schemas by absolute URI
   * @param maxSteps most evaluation steps per check
   * @param maxDepth deepest evaluation nesting per check
   */
  public Compiler(boolean assertFormats, Map<String, Map<String, Object>> knownSchemas, long maxSteps, int maxDepth) {
    this.assertFormats = assertFormats;
    Map<String, String> texts = new LinkedHashMap<>();
    knownSchemas.forEach((uri, schema) -> texts.put(uri, MAPPER.writeValueAsString(schema)));
    this.knownSchemas = Map.copyOf(texts);
    this.maxSteps = maxSteps;
    this.maxDepth = maxDepth;
  }

  /**
   * Compiles a schema, resolving every reference now.
   *
   * @param schema the schema
   * @return the compiled schema
   * @throws IllegalArgumentException when the schema is invalid, names an unknown dialect or
   *     references what may not be loaded
   */
  public CompiledSchema compile(Map<String, Object> schema) {
    JsonNode node = MAPPER.valueToTree(schema);
    Object dialect = schema.get("$schema");
    if (dialect != null
        && (!(dialect instanceof String s) || (dialectOf(s).isEmpty() && !knownSchemas.containsKey(s)))) {
      throw new IllegalArgumentException(
          "unsupported $schema '" + abbreviate(String.valueOf(dialect))
              + "' (supported: JSON Schema drafts 4, 6, 7, 2019-09 and 2020-12, and known schemas)");
    }
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(assertFormats)
            .regularExpressionFactory(BoundedRegex.FACTORY)
            .build();
    SchemaLoader loader = SchemaLoader.builder().allow(this::mayLoad).build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(config).schemaLoader(loader).schemas(knownSchemas::get));
    try {
      Schema compiled = registry.getSchema(node);
      compiled.initializeValidators(); // resolves every $ref now, not on the first call
      NetworkntCompiledSchema result = new NetworkntCompiledSchema(compiled, maxSteps, maxDepth);
      result.validate(Map.of()); // loads the validator's classes now: the first call pays nothing extra
      return result;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid input schema: " + reason(e), e);
    }
  }

  /** The most telling message: a refused pattern's own, else the validator's. */
  private static String reason(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BoundedRegex.Invalid) {
        return t.getMessage();
      }
    }
    return e instanceof SchemaException || e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /** Meta-schemas of the drafts (served from the validator's jar) and the known schemas only. */
  private boolean mayLoad(AbsoluteIri iri) {
    String uri = iri.toString();
    return knownSchemas.containsKey(uri) || dialectOf(uri).isPresent() || metaSchemaPart(uri);
  }

  private static Optional<SpecificationVersion> dialectOf(String uri) {
    String u = uri.endsWith("#") ? uri.substring(0, uri.length() - 1) : uri;
    return SpecificationVersion.fromDialectId(u);
  }

  /** The vocabulary meta-schemas of 2019-09 and 2020-12, which their dialects' meta-schemas name. */
  private static boolean metaSchemaPart(String uri) {
    return uri.startsWith("https://json-schema.org/draft/2020-12/meta/")
        || uri.startsWith("https://json-schema.org/draft/2019-09/meta/");
  }

  static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
