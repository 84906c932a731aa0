package org.mcpkit.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mcpkit.internal.json.Json;
import org.mcpkit.server.Description;

class RecordSchemasTest {

  enum Unit {
    C,
    F
  }

  enum Level {
    @JsonProperty("lo")
    LOW,
    HIGH
  }

  record Address(@Description("City name") String city, Optional<String> zip) {}

  @Description("Every supported type")
  record Everything(
      String s,
      char c,
      Character boxedChar,
      CharSequence chars,
      boolean b,
      Boolean boxedBoolean,
      byte by,
      short sh,
      int i,
      Integer boxedInt,
      long l,
      Long boxedLong,
      BigInteger big,
      float f,
      double d,
      Double boxedDouble,
      BigDecimal decimal,
      Unit unit,
      Level level,
      List<String> list,
      Set<Integer> set,
      Collection<Boolean> collection,
      long[] longs,
      String[][] grid,
      Map<String, Integer> counts,
      Map<String, Object> bag,
      Object anything,
      Address address,
      List<Address> addresses,
      Optional<String> maybe,
      OptionalInt maybeInt,
      OptionalLong maybeLong,
      OptionalDouble maybeDouble,
      Optional<List<Unit>> maybeUnits,
      Instant instant,
      OffsetDateTime offsetDateTime,
      LocalDate date,
      URI uri,
      UUID uuid) {}

  private static JsonNode json(Object value) {
    return Json.mapper().valueToTree(value);
  }

  private static void assertSchema(String expectedJson, Map<String, Object> schema)
      throws Exception {
    JsonNode expected = Json.mapper().readTree(expectedJson.replace('\'', '"'));
    // Serialized text comparison also checks property order.
    assertEquals(
        Json.mapper().writeValueAsString(expected), Json.mapper().writeValueAsString(schema));
    assertEquals(expected, json(schema));
  }

  @Test
  void everySupportedType() throws Exception {
    String expected =
        "{'type':'object','description':'Every supported type','properties':{"
            + "'s':{'type':'string'},"
            + "'c':{'type':'string'},"
            + "'boxedChar':{'type':'string'},"
            + "'chars':{'type':'string'},"
            + "'b':{'type':'boolean'},"
            + "'boxedBoolean':{'type':'boolean'},"
            + "'by':{'type':'integer'},"
            + "'sh':{'type':'integer'},"
            + "'i':{'type':'integer'},"
            + "'boxedInt':{'type':'integer'},"
            + "'l':{'type':'integer'},"
            + "'boxedLong':{'type':'integer'},"
            + "'big':{'type':'integer'},"
            + "'f':{'type':'number'},"
            + "'d':{'type':'number'},"
            + "'boxedDouble':{'type':'number'},"
            + "'decimal':{'type':'number'},"
            + "'unit':{'type':'string','enum':['C','F']},"
            + "'level':{'type':'string','enum':['lo','HIGH']},"
            + "'list':{'type':'array','items':{'type':'string'}},"
            + "'set':{'type':'array','items':{'type':'integer'},'uniqueItems':true},"
            + "'collection':{'type':'array','items':{'type':'boolean'}},"
            + "'longs':{'type':'array','items':{'type':'integer'}},"
            + "'grid':{'type':'array','items':{'type':'array','items':{'type':'string'}}},"
            + "'counts':{'type':'object','additionalProperties':{'type':'integer'}},"
            + "'bag':{'type':'object'},"
            + "'anything':{},"
            + "'address':{'type':'object','properties':{"
            + "'city':{'type':'string','description':'City name'},"
            + "'zip':{'type':'string'}},"
            + "'required':['city'],'additionalProperties':false},"
            + "'addresses':{'type':'array','items':{'type':'object','properties':{"
            + "'city':{'type':'string','description':'City name'},"
            + "'zip':{'type':'string'}},"
            + "'required':['city'],'additionalProperties':false}},"
            + "'maybe':{'type':'string'},"
            + "'maybeInt':{'type':'integer'},"
            + "'maybeLong':{'type':'integer'},"
            + "'maybeDouble':{'type':'number'},"
            + "'maybeUnits':{'type':'array','items':{'type':'string','enum':['C','F']}},"
            + "'instant':{'type':'string','format':'date-time'},"
            + "'offsetDateTime':{'type':'string','format':'date-time'},"
            + "'date':{'type':'string','format':'date'},"
            + "'uri':{'type':'string','format':'uri'},"
            + "'uuid':{'type':'string','format':'uuid'}},"
            + "'required':['s','c','boxedChar','chars','b','boxedBoolean','by','sh','i',"
            + "'boxedInt','l','boxedLong','big','f','d','boxedDouble','decimal','unit','level',"
            + "'list','set','collection','longs','grid','counts','bag','anything','address',"
            + "'addresses','instant','offsetDateTime','date','uri','uuid'],"
            + "'additionalProperties':false}";
    assertSchema(expected, RecordSchemas.inputSchema(Everything.class));
  }

  @Description("Weather query")
  record Weather(
      @Description("City to look up") String city,
      @Description("Forecast days") Optional<Integer> days,
      @Description("Temperature unit") Unit unit) {}

  @Test
  void descriptionsOnTypeAndComponents() throws Exception {
    assertSchema(
        "{'type':'object','description':'Weather query','properties':{"
            + "'city':{'type':'string','description':'City to look up'},"
            + "'days':{'type':'integer','description':'Forecast days'},"
            + "'unit':{'type':'string','description':'Temperature unit','enum':['C','F']}},"
            + "'required':['city','unit'],'additionalProperties':false}",
        RecordSchemas.inputSchema(Weather.class));
  }

  record OnlyOptional(Optional<String> a, OptionalInt b) {}

  record Empty() {}

  @Test
  void requiredOmittedWhenEmpty() throws Exception {
    assertSchema(
        "{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'integer'}},"
            + "'additionalProperties':false}",
        RecordSchemas.inputSchema(OnlyOptional.class));
    assertSchema(
        "{'type':'object','properties':{},'additionalProperties':false}",
        RecordSchemas.inputSchema(Empty.class));
  }

  @Description("A place")
  record Place(String name) {}

  record Trip(@Description("Where to") Place to, Place from) {}

  @Test
  void nestedRecordDescriptionComponentWins() throws Exception {
    assertSchema(
        "{'type':'object','properties':{"
            + "'to':{'type':'object','description':'Where to','properties':{"
            + "'name':{'type':'string'}},'required':['name'],'additionalProperties':false},"
            + "'from':{'type':'object','description':'A place','properties':{"
            + "'name':{'type':'string'}},'required':['name'],'additionalProperties':false}},"
            + "'required':['to','from'],'additionalProperties':false}",
        RecordSchemas.inputSchema(Trip.class));
  }

  record Node(String name, List<Node> children) {}

  record Tree(@Description("Root node") Node root, Optional<Node> spare) {}

  record Ping(String id, Optional<Pong> pong) {}

  record Pong(Ping ping) {}

  @Test
  void selfRecursiveRootUsesHashRef() throws Exception {
    assertSchema(
        "{'type':'object','properties':{'name':{'type':'string'},"
            + "'children':{'type':'array','items':{'$ref':'#'}}},"
            + "'required':['name','children'],'additionalProperties':false}",
        RecordSchemas.inputSchema(Node.class));
  }

  @Test
  void nestedRecursiveTypeGoesToDefs() throws Exception {
    assertSchema(
        "{'type':'object','properties':{"
            + "'root':{'$ref':'#/$defs/Node','description':'Root node'},"
            + "'spare':{'$ref':'#/$defs/Node'}},"
            + "'required':['root'],'additionalProperties':false,"
            + "'$defs':{'Node':{'type':'object','properties':{'name':{'type':'string'},"
            + "'children':{'type':'array','items':{'$ref':'#/$defs/Node'}}},"
            + "'required':['name','children'],'additionalProperties':false}}}",
        RecordSchemas.inputSchema(Tree.class));
  }

  @Test
  void mutualRecursion() throws Exception {
    assertSchema(
        "{'type':'object','properties':{'id':{'type':'string'},"
            + "'pong':{'type':'object','properties':{'ping':{'$ref':'#'}},"
            + "'required':['ping'],'additionalProperties':false}},"
            + "'required':['id'],'additionalProperties':false}",
        RecordSchemas.inputSchema(Ping.class));
  }

  @Test
  void recursiveSchemaValidatesWithSchemaValidator() {
    Map<String, Object> schema = RecordSchemas.inputSchema(Tree.class);
    Map<String, Object> ok =
        Map.of(
            "root",
            Map.of(
                "name", "a", "children", List.of(Map.of("name", "b", "children", List.of()))));
    assertEquals(List.of(), SchemaValidator.validate(schema, ok));
    Map<String, Object> bad =
        Map.of("root", Map.of("name", "a", "children", List.of(Map.of("name", 1))));
    assertEquals(
        List.of(
            "missing required argument 'root.children[0].children'",
            "argument 'root.children[0].name' must be a string"),
        SchemaValidator.validate(schema, bad));
  }

  record Bad(Thread thread) {}

  record BadKey(Map<Integer, String> byNumber) {}

  @Test
  void unsupportedTypesAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RecordSchemas.inputSchema(Bad.class));
    assertEquals(
        "unsupported type java.lang.Thread for component 'thread' of record "
            + Bad.class.getName(),
        e.getMessage());
    IllegalArgumentException key =
        assertThrows(
            IllegalArgumentException.class, () -> RecordSchemas.inputSchema(BadKey.class));
    assertEquals(
        "map keys must be String in java.util.Map<java.lang.Integer, java.lang.String>"
            + " for component 'byNumber' of record "
            + BadKey.class.getName(),
        key.getMessage());
  }

  @Test
  void outputSchemaSameRulesAndRejectsNonRecords() throws Exception {
    assertEquals(
        RecordSchemas.inputSchema(Weather.class), RecordSchemas.outputSchema(Weather.class));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RecordSchemas.outputSchema(String.class));
    assertEquals("structured output type must be a record: java.lang.String", e.getMessage());
  }

  @Test
  void cachedAndImmutable() {
    Map<String, Object> schema = RecordSchemas.inputSchema(Weather.class);
    assertSame(schema, RecordSchemas.inputSchema(Weather.class));
    assertThrows(UnsupportedOperationException.class, () -> schema.put("x", 1));
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    assertThrows(UnsupportedOperationException.class, () -> properties.remove("city"));
    @SuppressWarnings("unchecked")
    List<Object> required = (List<Object>) schema.get("required");
    assertThrows(UnsupportedOperationException.class, () -> required.add("x"));
  }
}
