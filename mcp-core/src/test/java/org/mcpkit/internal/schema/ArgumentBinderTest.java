package org.mcpkit.internal.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

class ArgumentBinderTest {

  enum Unit {
    C,
    F
  }

  enum Level {
    @JsonProperty("lo")
    LOW,
    HIGH
  }

  record Address(String city, Optional<String> zip) {}

  record Forecast(String city, int days, Unit unit) {}

  record Rich(
      String s,
      char c,
      boolean b,
      byte by,
      short sh,
      int i,
      long l,
      BigInteger big,
      float f,
      double d,
      BigDecimal decimal,
      Level level,
      List<String> list,
      Set<Integer> set,
      int[] ints,
      Map<String, Long> counts,
      Map<String, Object> bag,
      Object anything,
      Address address,
      List<Address> addresses,
      Optional<String> maybe,
      Optional<String> absent,
      OptionalInt maybeInt,
      OptionalLong maybeLong,
      OptionalDouble maybeDouble,
      Instant instant,
      OffsetDateTime offset,
      LocalDate date,
      URI uri,
      UUID uuid) {}

  /** Parses JSON as a tool-call arguments object, exactly as the transport would. */
  private static Map<String, Object> args(String json) throws Exception {
    return Json.mapper()
        .readValue(json.replace('\'', '"'), new TypeReference<Map<String, Object>>() {});
  }

  private static List<String> problems(String json, Class<? extends Record> type)
      throws Exception {
    Map<String, Object> arguments = args(json);
    ArgumentException e =
        assertThrows(ArgumentException.class, () -> ArgumentBinder.bind(arguments, type));
    assertEquals(String.join("; ", e.problems()), e.getMessage());
    return e.problems();
  }

  @Test
  void bindsEveryTypeExactly() throws Exception {
    Rich r =
        ArgumentBinder.bind(
            args(
                "{'s':'text','c':'x','b':true,'by':-128,'sh':300,'i':3.0,"
                    + "'l':9007199254740993,'big':123456789012345678901234567890,"
                    + "'f':1.5,'d':2,'decimal':0.1,'level':'lo','list':['a','b'],"
                    + "'set':[3,1,2],'ints':[1,2],'counts':{'a':1},"
                    + "'bag':{'x':[1,{'y':null}]},'anything':[true],"
                    + "'address':{'city':'Oslo'},"
                    + "'addresses':[{'city':'Bergen','zip':'5003'}],"
                    + "'maybe':'here','absent':null,'maybeInt':7,'maybeLong':8,'maybeDouble':0.5,"
                    + "'instant':'2025-01-02T03:04:05Z','offset':'2025-01-02T03:04:05+02:00',"
                    + "'date':'2025-01-02','uri':'https://example.com/a?b',"
                    + "'uuid':'123e4567-e89b-12d3-a456-426614174000'}"),
            Rich.class);
    assertEquals("text", r.s());
    assertEquals('x', r.c());
    assertEquals(true, r.b());
    assertEquals((byte) -128, r.by());
    assertEquals((short) 300, r.sh());
    assertEquals(3, r.i());
    assertEquals(9007199254740993L, r.l());
    assertEquals(new BigInteger("123456789012345678901234567890"), r.big());
    assertEquals(1.5f, r.f());
    assertEquals(2.0, r.d());
    assertEquals(new BigDecimal("0.1"), r.decimal());
    assertEquals(Level.LOW, r.level());
    assertEquals(List.of("a", "b"), r.list());
    assertEquals(List.of(3, 1, 2), List.copyOf(r.set()));
    assertArrayEquals(new int[] {1, 2}, r.ints());
    assertEquals(Map.of("a", 1L), r.counts());
    assertEquals(Map.of("x", List.of(1, singletonNull("y"))), r.bag());
    assertEquals(List.of(true), r.anything());
    assertEquals(new Address("Oslo", Optional.empty()), r.address());
    assertEquals(List.of(new Address("Bergen", Optional.of("5003"))), r.addresses());
    assertEquals(Optional.of("here"), r.maybe());
    assertEquals(Optional.empty(), r.absent());
    assertEquals(OptionalInt.of(7), r.maybeInt());
    assertEquals(OptionalLong.of(8), r.maybeLong());
    assertEquals(OptionalDouble.of(0.5), r.maybeDouble());
    assertEquals(Instant.parse("2025-01-02T03:04:05Z"), r.instant());
    assertEquals(OffsetDateTime.parse("2025-01-02T03:04:05+02:00"), r.offset());
    assertEquals(LocalDate.of(2025, 1, 2), r.date());
    assertEquals(URI.create("https://example.com/a?b"), r.uri());
    assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), r.uuid());
    assertInstanceOf(Set.class, r.set());
  }

  private static Map<String, Object> singletonNull(String key) {
    Map<String, Object> map = new HashMap<>();
    map.put(key, null);
    return map;
  }

  record Options(Optional<String> a, OptionalInt b, OptionalLong c, OptionalDouble d) {}

  @Test
  void absentOptionalsAreEmpty() throws Exception {
    assertEquals(
        new Options(Optional.empty(), OptionalInt.empty(), OptionalLong.empty(),
            OptionalDouble.empty()),
        ArgumentBinder.bind(Map.of(), Options.class));
    assertEquals(
        new Options(Optional.empty(), OptionalInt.empty(), OptionalLong.empty(),
            OptionalDouble.empty()),
        ArgumentBinder.bind(args("{'a':null,'b':null,'c':null,'d':null}"), Options.class));
  }

  @Test
  void happyPath() throws Exception {
    assertEquals(
        new Forecast("Oslo", 3, Unit.C),
        ArgumentBinder.bind(args("{'city':'Oslo','days':3,'unit':'C'}"), Forecast.class));
  }

  @Test
  void missingRequired() throws Exception {
    assertEquals(
        List.of("missing required argument 'city'"),
        problems("{'days':3,'unit':'C'}", Forecast.class));
  }

  @Test
  void nullForRequiredIsMissing() throws Exception {
    assertEquals(
        List.of("missing required argument 'city'"),
        problems("{'city':null,'days':3,'unit':'C'}", Forecast.class));
  }

  @Test
  void stringIsNotAnInteger() throws Exception {
    assertEquals(
        List.of("argument 'days' must be an integer"),
        problems("{'city':'Oslo','days':'3','unit':'C'}", Forecast.class));
  }

  @Test
  void fractionIsNotAnInteger() throws Exception {
    assertEquals(
        List.of("argument 'days' must be an integer"),
        problems("{'city':'Oslo','days':3.5,'unit':'C'}", Forecast.class));
  }

  @Test
  void integerOutOfRange() throws Exception {
    assertEquals(
        List.of("argument 'days' is out of range for int"),
        problems("{'city':'Oslo','days':2147483648,'unit':'C'}", Forecast.class));
  }

  record Small(byte b, short s, long l, float f) {}

  @Test
  void rangesOfOtherTypes() throws Exception {
    assertEquals(
        List.of(
            "argument 'b' is out of range for byte",
            "argument 's' is out of range for short",
            "argument 'l' is out of range for long",
            "argument 'f' is out of range for float"),
        problems(
            "{'b':128,'s':-32769,'l':9223372036854775808,'f':1e300}", Small.class));
  }

  @Test
  void enumMustBeOneOf() throws Exception {
    assertEquals(
        List.of("argument 'unit' must be one of [C, F]"),
        problems("{'city':'Oslo','days':3,'unit':'K'}", Forecast.class));
    assertEquals(
        List.of("argument 'unit' must be one of [C, F]"),
        problems("{'city':'Oslo','days':3,'unit':1}", Forecast.class));
  }

  record WithLevel(Level level) {}

  @Test
  void enumUsesJsonPropertyNames() throws Exception {
    assertEquals(
        List.of("argument 'level' must be one of [lo, HIGH]"),
        problems("{'level':'LOW'}", WithLevel.class));
  }

  @Test
  void unknownArgument() throws Exception {
    assertEquals(
        List.of("unknown argument 'foo'"),
        problems("{'city':'Oslo','days':3,'unit':'C','foo':1}", Forecast.class));
  }

  @Test
  void severalProblemsTogether() throws Exception {
    List<String> problems = problems("{'days':'x','unit':'K','foo':1,'bar':2}", Forecast.class);
    assertEquals(
        List.of(
            "missing required argument 'city'",
            "argument 'days' must be an integer",
            "argument 'unit' must be one of [C, F]",
            "unknown argument 'foo'",
            "unknown argument 'bar'"),
        problems);
    Map<String, Object> arguments = args("{'days':'x','unit':'K','foo':1,'bar':2}");
    ArgumentException e =
        assertThrows(
            ArgumentException.class, () -> ArgumentBinder.bind(arguments, Forecast.class));
    assertEquals(
        "missing required argument 'city'; argument 'days' must be an integer; "
            + "argument 'unit' must be one of [C, F]; unknown argument 'foo'; "
            + "unknown argument 'bar'",
        e.getMessage());
  }

  record Person(String name, Address address, List<Address> previous, List<Integer> scores) {}

  @Test
  void nestedPaths() throws Exception {
    assertEquals(
        List.of(
            "argument 'address.city' must be a string",
            "unknown argument 'address.street'",
            "missing required argument 'previous[1].city'",
            "argument 'previous[2]' must be an object",
            "argument 'scores[2]' must be an integer"),
        problems(
            "{'name':'Ann','address':{'city':7,'street':'x'},"
                + "'previous':[{'city':'a'},{'zip':'1'},'c'],'scores':[1,2,'3']}",
            Person.class));
  }

  @Test
  void containerTypeMismatches() throws Exception {
    assertEquals(
        List.of(
            "argument 'address' must be an object",
            "argument 'previous' must be an array",
            "argument 'scores' must be an array"),
        problems(
            "{'name':'Ann','address':'x','previous':{},'scores':5}", Person.class));
  }

  record Kinds(
      boolean flag, char letter, Set<String> tags, Map<String, Integer> counts, double ratio) {}

  @Test
  void otherKindProblems() throws Exception {
    assertEquals(
        List.of(
            "argument 'flag' must be a boolean",
            "argument 'letter' must be a single character",
            "argument 'tags' must not contain duplicate items",
            "argument 'counts.b' must be an integer",
            "argument 'ratio' must be a number"),
        problems(
            "{'flag':'true','letter':'ab','tags':['x','x'],'counts':{'a':1,'b':true},"
                + "'ratio':'0.5'}",
            Kinds.class));
  }

  record Formats(Instant at, LocalDate on, URI link, UUID id) {}

  @Test
  void formatProblems() throws Exception {
    assertEquals(
        List.of(
            "argument 'at' must be a date-time (RFC 3339)",
            "argument 'on' must be a date (yyyy-mm-dd)",
            "argument 'link' must be a URI",
            "argument 'id' must be a UUID"),
        problems("{'at':'yesterday','on':'2025-13-01','link':'a b','id':'1-1-1-1-1'}",
            Formats.class));
    assertEquals(
        List.of("argument 'at' must be a string"),
        problems(
            "{'at':5,'on':'2025-01-01','link':'x',"
                + "'id':'123e4567-e89b-12d3-a456-426614174000'}",
            Formats.class));
  }

  record Positive(int n) {
    Positive {
      if (n <= 0) {
        throw new IllegalArgumentException("n must be positive");
      }
    }
  }

  record Wrapper(Positive inner) {}

  @Test
  void constructorValidationBecomesAProblem() throws Exception {
    assertEquals(List.of("invalid arguments: n must be positive"), problems("{'n':0}",
        Positive.class));
    ArgumentException e =
        assertThrows(
            ArgumentException.class,
            () -> ArgumentBinder.bind(args("{'inner':{'n':-1}}"), Wrapper.class));
    assertEquals(List.of("invalid argument 'inner': n must be positive"), e.problems());
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
  }

  @Test
  void programmaticNumbersAreAccepted() {
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("city", "Oslo");
    arguments.put("days", new BigDecimal("4.00"));
    arguments.put("unit", "F");
    assertEquals(new Forecast("Oslo", 4, Unit.F), ArgumentBinder.bind(arguments, Forecast.class));
  }

  @Test
  void argumentExceptionContract() {
    ArgumentException e = new ArgumentException(List.of("a", "b"));
    assertEquals("a; b", e.getMessage());
    assertEquals(List.of("a", "b"), e.problems());
    assertThrows(IllegalArgumentException.class, () -> new ArgumentException(List.of()));
    assertThrows(UnsupportedOperationException.class, () -> e.problems().add("c"));
  }
}
