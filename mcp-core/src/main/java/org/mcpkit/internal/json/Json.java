package org.mcpkit.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one place an {@link ObjectMapper} is configured. Wire records are written without null
 * components, unknown properties are ignored, and input is bounded.
 */
public final class Json {
  /** Default maximum nesting depth of an inbound message. */
  public static final int DEFAULT_MAX_DEPTH = 64;
  /** Default maximum length of one JSON string value, in characters. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 4 * 1024 * 1024;
  /** Longest number literal accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 100;

  private static final ObjectMapper DEFAULT = create(DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_LENGTH);

  private Json() {}

  /** The shared mapper with default limits. Thread-safe. */
  public static ObjectMapper mapper() {
    return DEFAULT;
  }

  /** Creates a mapper with the given input limits. */
  public static ObjectMapper create(int maxDepth, int maxStringLength) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxStringLength(maxStringLength)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }
}
