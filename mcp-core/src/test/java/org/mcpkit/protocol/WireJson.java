package org.mcpkit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mcpkit.internal.json.Json;

/** Assertions shared by the wire tests; all go through the production mapper. */
final class WireJson {
  static final ObjectMapper MAPPER = Json.mapper();

  private WireJson() {}

  /** Serializes {@code value} and compares the result to {@code expectedJson} as JSON trees. */
  static void assertWrites(String expectedJson, Object value) {
    try {
      String actual = MAPPER.writeValueAsString(value);
      assertEquals(MAPPER.readTree(expectedJson), MAPPER.readTree(actual), actual);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads {@code json} as {@code type}. */
  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts {@code value} writes {@code golden} and {@code golden} reads back as {@code value}. */
  static <T> void assertWire(String golden, T value, Class<? super T> type) {
    assertWrites(golden, value);
    assertEquals(value, read(golden, type));
  }

  /** Asserts that reading {@code json} as {@code type} fails with a mapping error. */
  static JsonMappingException assertRejected(String json, Class<?> type) {
    return assertThrows(JsonMappingException.class, () -> MAPPER.readValue(json, type));
  }
}
