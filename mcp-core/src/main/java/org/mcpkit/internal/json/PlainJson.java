package org.mcpkit.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON value straight from a parser into plain Java values, without a tree: objects as
 * {@link LinkedHashMap} in document order, arrays as {@link ArrayList}, strings, booleans, {@code
 * null}, and numbers as the parser types them (Integer, Long, BigInteger, Double; BigDecimal when
 * the mapper reads floats as decimals), the same values as {@code readTree} followed by {@code
 * convertValue(tree, Object.class)}. The parser's own limits (nesting, string and number length,
 * duplicate keys) apply as they do there. Stateless apart from that one setting.
 */
final class PlainJson {
  private final boolean decimals;

  PlainJson(ObjectMapper mapper) {
    this.decimals = mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  /** The value starting at the parser's current token; leaves the parser on the value's last token. */
  Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("no value");
    }
    switch (t) {
      case START_OBJECT:
        return readObject(p);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p));
        }
        return list;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return decimals ? p.getDecimalValue() : (Object) p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected token " + t);
    }
  }

  /** The object starting at the parser's current {@code START_OBJECT}. */
  Map<String, Object> readObject(JsonParser p) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    String key;
    while ((key = p.nextFieldName()) != null) {
      p.nextToken();
      map.put(key, read(p));
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException("unexpected token " + p.currentToken());
    }
    return map;
  }
}
