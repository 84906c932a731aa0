package org.mcpkit.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.internal.json.Json;

class SchemaValidatorTest {

  private static Map<String, Object> schema(String json) throws Exception {
    return Json.mapper()
        .readValue(json.replace('\'', '"'), new TypeReference<Map<String, Object>>() {});
  }

  private static Object value(String json) throws Exception {
    return Json.mapper().readValue(json.replace('\'', '"'), Object.class);
  }

  private static List<String> check(String schema, String value) throws Exception {
    return SchemaValidator.validate(schema(schema), value(value));
  }

  @Test
  void type() throws Exception {
    assertEquals(List.of(), check("{'type':'string'}", "'x'"));
    assertEquals(List.of("value must be a string"), check("{'type':'string'}", "1"));
    assertEquals(List.of(), check("{'type':'integer'}", "3.0"));
    assertEquals(List.of("value must be an integer"), check("{'type':'integer'}", "3.5"));
    assertEquals(List.of("value must be an integer"), check("{'type':'integer'}", "'3'"));
    assertEquals(List.of(), check("{'type':'number'}", "3.5"));
    assertEquals(List.of(), check("{'type':'number'}", "3"));
    assertEquals(List.of("value must be a number"), check("{'type':'number'}", "true"));
    assertEquals(List.of("value must be a boolean"), check("{'type':'boolean'}", "0"));
    assertEquals(List.of("value must be an object"), check("{'type':'object'}", "[]"));
    assertEquals(List.of("value must be an array"), check("{'type':'array'}", "{}"));
    assertEquals(List.of("value must be null"), check("{'type':'null'}", "0"));
    assertEquals(List.of(), check("{'type':['string','null']}", "null"));
    assertEquals(
        List.of("value must be a string or null"), check("{'type':['string','null']}", "1"));
  }

  @Test
  void propertiesRequiredAdditional() throws Exception {
    String schema =
        "{'type':'object','properties':{'city':{'type':'string'},'days':{'type':'integer'}},"
            + "'required':['city','days'],'additionalProperties':false}";
    assertEquals(List.of(), check(schema, "{'city':'Oslo','days':2}"));
    assertEquals(
        List.of(
            "missing required argument 'city'",
            "argument 'days' must be an integer",
            "unknown argument 'foo'"),
        check(schema, "{'days':'2','foo':1}"));
    String additionalSchema = "{'type':'object','additionalProperties':{'type':'integer'}}";
    assertEquals(List.of(), check(additionalSchema, "{'a':1,'b':2}"));
    assertEquals(
        List.of("argument 'b' must be an integer"), check(additionalSchema, "{'a':1,'b':'x'}"));
  }

  @Test
  void nestedPaths() throws Exception {
    String schema =
        "{'type':'object','properties':{'address':{'type':'object',"
            + "'properties':{'city':{'type':'string'}},'required':['city']},"
            + "'items':{'type':'array','items':{'type':'integer'}}}}";
    assertEquals(
        List.of(
            "argument 'address.city' must be a string",
            "argument 'items[2]' must be an integer"),
        check(schema, "{'address':{'city':1},'items':[1,2,'x']}"));
    assertEquals(
        List.of("missing required argument 'address.city'"), check(schema, "{'address':{}}"));
  }

  @Test
  void itemsAndPrefixItems() throws Exception {
    assertEquals(
        List.of("argument '[1]' must be a string"),
        check("{'prefixItems':[{'type':'integer'},{'type':'string'}],'items':false}",
            "[1,2]"));
    assertEquals(
        List.of("argument '[2]' is not allowed"),
        check("{'prefixItems':[{'type':'integer'},{'type':'string'}],'items':false}",
            "[1,'a',3]"));
  }

  @Test
  void enumAndConst() throws Exception {
    assertEquals(List.of(), check("{'enum':['C','F']}", "'F'"));
    assertEquals(List.of("value must be one of [C, F]"), check("{'enum':['C','F']}", "'K'"));
    assertEquals(List.of(), check("{'enum':[1,2]}", "2.0"));
    assertEquals(List.of(), check("{'const':{'a':[1]}}", "{'a':[1.0]}"));
    assertEquals(List.of("value must be equal to circle"), check("{'const':'circle'}", "'square'"));
  }

  @Test
  void numericBounds() throws Exception {
    String schema = "{'minimum':1,'maximum':10}";
    assertEquals(List.of(), check(schema, "1"));
    assertEquals(List.of(), check(schema, "10"));
    assertEquals(List.of("value must be >= 1"), check(schema, "0.5"));
    assertEquals(List.of("value must be <= 10"), check(schema, "11"));
    String exclusive = "{'exclusiveMinimum':0,'exclusiveMaximum':1.5}";
    assertEquals(List.of(), check(exclusive, "1"));
    assertEquals(List.of("value must be > 0"), check(exclusive, "0"));
    assertEquals(List.of("value must be < 1.5"), check(exclusive, "1.5"));
    String draft4 = "{'minimum':0,'exclusiveMinimum':true,'maximum':5,'exclusiveMaximum':true}";
    assertEquals(List.of("value must be > 0", "value must be < 5"), List.of(
        check(draft4, "0").get(0), check(draft4, "5").get(0)));
    assertEquals(List.of(), check("{'minimum':1}", "'not a number'"));
  }

  @Test
  void stringLengthAndPattern() throws Exception {
    assertEquals(
        List.of("value must be at least 2 characters long"), check("{'minLength':2}", "'a'"));
    assertEquals(
        List.of("value must be at most 2 characters long"), check("{'maxLength':2}", "'abc'"));
    // Two code points, four UTF-16 units.
    assertEquals(List.of(), check("{'maxLength':2}", "'\uD83D\uDE00\uD83D\uDE00'"));
    assertEquals(List.of(), check("{'pattern':'^[a-z]+$'}", "'abc'"));
    assertEquals(List.of(), check("{'pattern':'b'}", "'abc'"));
    assertEquals(
        List.of("value must match pattern '^[a-z]+$'"), check("{'pattern':'^[a-z]+$'}", "'A'"));
    assertEquals(List.of("unsupported pattern '(['"), check("{'pattern':'(['}", "'x'"));
    Map<String, Object> longPattern = Map.of("pattern", "a".repeat(1001));
    assertEquals(
        List.of("unsupported pattern '" + "a".repeat(80) + "...'"),
        SchemaValidator.validate(longPattern, "a"));
    assertEquals(
        List.of("value is too long to check against pattern '(a+)+$'"),
        SchemaValidator.validate(Map.of("pattern", "(a+)+$"), "a".repeat(10_001)));
    // Catastrophic backtracking is cut off by the read budget instead of hanging.
    assertEquals(
        List.of("value is too complex to check against pattern '(.*a){20}'"),
        SchemaValidator.validate(
            Map.of("pattern", "(.*a){20}"), "a".repeat(19) + "b".repeat(100)));
  }

  @Test
  void arrayKeywords() throws Exception {
    assertEquals(
        List.of("value must contain at least 2 items"), check("{'minItems':2}", "[1]"));
    assertEquals(
        List.of("value must contain at most 1 items"), check("{'maxItems':1}", "[1,2]"));
    assertEquals(
        List.of("value must not contain duplicate items"),
        check("{'uniqueItems':true}", "[1,{'a':1},1.0]"));
    assertEquals(List.of(), check("{'uniqueItems':true}", "[1,'1',{'a':1},{'a':2}]"));
  }

  @Test
  void combinators() throws Exception {
    String anyOf = "{'anyOf':[{'type':'string'},{'type':'integer'}]}";
    assertEquals(List.of(), check(anyOf, "1"));
    assertEquals(List.of("value must match at least one schema in anyOf"), check(anyOf, "true"));
    String oneOf = "{'oneOf':[{'type':'integer'},{'type':'number'}]}";
    assertEquals(List.of(), check(oneOf, "1.5"));
    assertEquals(
        List.of("value must match exactly one schema in oneOf (matched 2)"), check(oneOf, "1"));
    assertEquals(
        List.of("value must match exactly one schema in oneOf (matched 0)"),
        check(oneOf, "'x'"));
    String allOf = "{'allOf':[{'type':'string'},{'minLength':3}]}";
    assertEquals(List.of(), check(allOf, "'abc'"));
    assertEquals(List.of("value must be at least 3 characters long"), check(allOf, "'ab'"));
    assertEquals(List.of("value must not match the schema in not"),
        check("{'not':{'type':'null'}}", "null"));
    assertEquals(List.of(), check("{'not':{'type':'null'}}", "0"));
  }

  @Test
  void booleanSchemas() throws Exception {
    assertEquals(
        List.of("argument 'x' is not allowed"),
        check("{'properties':{'x':false,'y':true}}", "{'x':1,'y':2}"));
  }

  @Test
  void localRefs() throws Exception {
    String schema =
        "{'type':'object','properties':{'a':{'$ref':'#/$defs/pos'},"
            + "'b':{'$ref':'#/definitions/name'},'c':{'$ref':'#/$defs/missing'}},"
            + "'$defs':{'pos':{'type':'integer','minimum':1}},"
            + "'definitions':{'name':{'type':'string'}}}";
    assertEquals(List.of(), check(schema, "{'a':1,'b':'x'}"));
    assertEquals(
        List.of("argument 'a' must be >= 1", "argument 'b' must be a string"),
        check(schema, "{'a':0,'b':2}"));
    assertEquals(List.of("unresolvable $ref '#/$defs/missing'"), check(schema, "{'c':1}"));
    String tree =
        "{'type':'object','properties':{'kids':{'type':'array','items':{'$ref':'#'}}},"
            + "'additionalProperties':false}";
    assertEquals(List.of(), check(tree, "{'kids':[{'kids':[]},{}]}"));
    assertEquals(List.of("unknown argument 'kids[0].x'"), check(tree, "{'kids':[{'x':1}]}"));
  }

  @Test
  void externalRefsAreNeverFetched() throws Exception {
    // Unroutable and non-existent targets: the validator must answer at once without I/O.
    for (String ref :
        List.of(
            "http://10.255.255.1/schema.json",
            "https://example.invalid/s#/$defs/x",
            "file:///etc/passwd",
            "other.json#/$defs/x",
            "#anchor",
            "#/properties/a")) {
      Map<String, Object> schema = Map.of("properties", Map.of("a", Map.of("$ref", ref)));
      long start = System.nanoTime();
      assertEquals(
          List.of("unsupported $ref '" + ref + "'"),
          SchemaValidator.validate(schema, Map.of("a", 1)));
      assertEquals(true, System.nanoTime() - start < 1_000_000_000L, ref);
    }
  }

  @Test
  void selfReferenceHitsDepthLimit() throws Exception {
    assertEquals(List.of("schema too complex"), check("{'$ref':'#'}", "1"));
  }

  @Test
  void nodeCapIsEnforced() {
    List<Object> big = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      big.add(i);
    }
    Map<String, Object> schema = Map.of("type", "array", "items", Map.of("type", "integer"));
    assertEquals(List.of("schema too complex"), SchemaValidator.validate(schema, big));
    assertEquals(List.of(), SchemaValidator.validate(schema, big.subList(0, 9_999)));
  }

  @Test
  void nestingDepthIsEnforced() {
    Map<String, Object> schema = new HashMap<>();
    Object value = "leaf";
    Map<String, Object> current = schema;
    for (int i = 0; i < 40; i++) {
      Map<String, Object> next = new HashMap<>();
      current.put("properties", Map.of("n", next));
      current = next;
    }
    for (int i = 0; i < 40; i++) {
      value = Map.of("n", value);
    }
    assertEquals(List.of("schema too complex"), SchemaValidator.validate(schema, value));
  }

  @Test
  void unknownKeywordsIgnored() throws Exception {
    assertEquals(List.of(), check("{'format':'email','x-custom':1,'if':{'type':'string'}}", "3"));
  }
}
