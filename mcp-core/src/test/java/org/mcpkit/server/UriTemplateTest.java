package org.mcpkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UriTemplateTest {

  /** The variables of RFC 6570 section 3.2. */
  private static final Map<String, Object> VARS = rfcVariables();

  private static Map<String, Object> rfcVariables() {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("semi", ";");
    keys.put("dot", ".");
    keys.put("comma", ",");
    Map<String, Object> vars = new HashMap<>();
    vars.put("count", List.of("one", "two", "three"));
    vars.put("dom", List.of("example", "com"));
    vars.put("dub", "me/too");
    vars.put("hello", "Hello World!");
    vars.put("half", "50%");
    vars.put("var", "value");
    vars.put("who", "fred");
    vars.put("base", "http://example.com/home/");
    vars.put("path", "/foo/bar");
    vars.put("list", List.of("red", "green", "blue"));
    vars.put("keys", keys);
    vars.put("v", "6");
    vars.put("x", "1024");
    vars.put("y", "768");
    vars.put("empty", "");
    vars.put("empty_keys", Map.of());
    vars.put("undef", null);
    return vars;
  }

  /** Asserts pairs of (template, expected expansion). */
  private static void expands(String... pairs) {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      String actual = UriTemplate.of(pairs[i]).expand(VARS);
      if (!actual.equals(pairs[i + 1])) {
        failures.add(pairs[i] + " -> " + actual + " (expected " + pairs[i + 1] + ")");
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void variableExpansion() {
    expands(
        "{count}", "one,two,three",
        "{count*}", "one,two,three",
        "{/count}", "/one,two,three",
        "{/count*}", "/one/two/three",
        "{;count}", ";count=one,two,three",
        "{;count*}", ";count=one;count=two;count=three",
        "{?count}", "?count=one,two,three",
        "{?count*}", "?count=one&count=two&count=three",
        "{&count*}", "&count=one&count=two&count=three");
  }

  @Test
  void simpleStringExpansion() {
    expands(
        "{var}", "value",
        "{hello}", "Hello%20World%21",
        "{half}", "50%25",
        "O{empty}X", "OX",
        "O{undef}X", "OX",
        "{x,y}", "1024,768",
        "{x,hello,y}", "1024,Hello%20World%21,768",
        "?{x,empty}", "?1024,",
        "?{x,undef}", "?1024",
        "?{undef,y}", "?768",
        "{var:3}", "val",
        "{var:30}", "value",
        "{list}", "red,green,blue",
        "{list*}", "red,green,blue",
        "{keys}", "semi,%3B,dot,.,comma,%2C",
        "{keys*}", "semi=%3B,dot=.,comma=%2C");
  }

  @Test
  void reservedExpansion() {
    expands(
        "{+var}", "value",
        "{+hello}", "Hello%20World!",
        "{+half}", "50%25",
        "{base}index", "http%3A%2F%2Fexample.com%2Fhome%2Findex",
        "{+base}index", "http://example.com/home/index",
        "O{+empty}X", "OX",
        "O{+undef}X", "OX",
        "{+path}/here", "/foo/bar/here",
        "here?ref={+path}", "here?ref=/foo/bar",
        "up{+path}{var}/here", "up/foo/barvalue/here",
        "{+x,hello,y}", "1024,Hello%20World!,768",
        "{+path,x}/here", "/foo/bar,1024/here",
        "{+path:6}/here", "/foo/b/here",
        "{+list}", "red,green,blue",
        "{+list*}", "red,green,blue",
        "{+keys}", "semi,;,dot,.,comma,,",
        "{+keys*}", "semi=;,dot=.,comma=,");
  }

  @Test
  void fragmentExpansion() {
    expands(
        "{#var}", "#value",
        "{#hello}", "#Hello%20World!",
        "{#half}", "#50%25",
        "foo{#empty}", "foo#",
        "foo{#undef}", "foo",
        "{#x,hello,y}", "#1024,Hello%20World!,768",
        "{#path,x}/here", "#/foo/bar,1024/here",
        "{#path:6}/here", "#/foo/b/here",
        "{#list}", "#red,green,blue",
        "{#list*}", "#red,green,blue",
        "{#keys}", "#semi,;,dot,.,comma,,",
        "{#keys*}", "#semi=;,dot=.,comma=,");
  }

  @Test
  void labelExpansion() {
    expands(
        "{.who}", ".fred",
        "{.who,who}", ".fred.fred",
        "{.half,who}", ".50%25.fred",
        "www{.dom*}", "www.example.com",
        "X{.var}", "X.value",
        "X{.empty}", "X.",
        "X{.undef}", "X",
        "X{.var:3}", "X.val",
        "X{.list}", "X.red,green,blue",
        "X{.list*}", "X.red.green.blue",
        "X{.keys}", "X.semi,%3B,dot,.,comma,%2C",
        "X{.keys*}", "X.semi=%3B.dot=..comma=%2C",
        "X{.empty_keys}", "X",
        "X{.empty_keys*}", "X");
  }

  @Test
  void pathSegmentExpansion() {
    expands(
        "{/who}", "/fred",
        "{/who,who}", "/fred/fred",
        "{/half,who}", "/50%25/fred",
        "{/who,dub}", "/fred/me%2Ftoo",
        "{/var}", "/value",
        "{/var,empty}", "/value/",
        "{/var,undef}", "/value",
        "{/var,x}/here", "/value/1024/here",
        "{/var:1,var}", "/v/value",
        "{/list}", "/red,green,blue",
        "{/list*}", "/red/green/blue",
        "{/list*,path:4}", "/red/green/blue/%2Ffoo",
        "{/keys}", "/semi,%3B,dot,.,comma,%2C",
        "{/keys*}", "/semi=%3B/dot=./comma=%2C");
  }

  @Test
  void pathStyleParameterExpansion() {
    expands(
        "{;who}", ";who=fred",
        "{;half}", ";half=50%25",
        "{;empty}", ";empty",
        "{;v,empty,who}", ";v=6;empty;who=fred",
        "{;v,bar,who}", ";v=6;who=fred",
        "{;x,y}", ";x=1024;y=768",
        "{;x,y,empty}", ";x=1024;y=768;empty",
        "{;x,y,undef}", ";x=1024;y=768",
        "{;hello:5}", ";hello=Hello",
        "{;list}", ";list=red,green,blue",
        "{;list*}", ";list=red;list=green;list=blue",
        "{;keys}", ";keys=semi,%3B,dot,.,comma,%2C",
        "{;keys*}", ";semi=%3B;dot=.;comma=%2C");
  }

  @Test
  void formStyleQueryExpansion() {
    expands(
        "{?who}", "?who=fred",
        "{?half}", "?half=50%25",
        "{?x,y}", "?x=1024&y=768",
        "{?x,y,empty}", "?x=1024&y=768&empty=",
        "{?x,y,undef}", "?x=1024&y=768",
        "{?var:3}", "?var=val",
        "{?list}", "?list=red,green,blue",
        "{?list*}", "?list=red&list=green&list=blue",
        "{?keys}", "?keys=semi,%3B,dot,.,comma,%2C",
        "{?keys*}", "?semi=%3B&dot=.&comma=%2C");
  }

  @Test
  void formStyleContinuationExpansion() {
    expands(
        "{&who}", "&who=fred",
        "{&half}", "&half=50%25",
        "?fixed=yes{&x}", "?fixed=yes&x=1024",
        "{&x,y,empty}", "&x=1024&y=768&empty=",
        "{&var:3}", "&var=val",
        "{&list}", "&list=red,green,blue",
        "{&list*}", "&list=red&list=green&list=blue",
        "{&keys}", "&keys=semi,%3B,dot,.,comma,%2C",
        "{&keys*}", "&semi=%3B&dot=.&comma=%2C");
  }

  @Test
  void unicodeAndOtherValues() {
    UriTemplate t = UriTemplate.of("/caf\u00e9/{name}{?n}");
    assertEquals(
        "/caf%C3%A9/%C3%A5%20%F0%9F%98%80?n=3",
        t.expand(Map.of("name", "\u00e5 \uD83D\uDE00", "n", 3)));
    // Prefix counts code points and never splits a surrogate pair.
    assertEquals("%F0%9F%98%80", UriTemplate.of("{s:1}").expand(Map.of("s", "\uD83D\uDE00x")));
    assertEquals("a,b", UriTemplate.of("{arr}").expand(Map.of("arr", new String[] {"a", "b"})));
    assertEquals("1,2", UriTemplate.of("{l}").expand(Map.of("l", Arrays.asList(1, null, 2))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> UriTemplate.of("{list:2}").expand(Map.of("list", List.of("a"))));
    assertEquals(
        "prefix modifier not applicable to the composite value of 'list'", e.getMessage());
  }

  @Test
  void malformedTemplates() {
    assertMalformed("{var", "unclosed expression at position 0");
    assertMalformed("a}b", "unmatched '}' at position 1");
    assertMalformed("a{}", "empty expression at position 1");
    assertMalformed("{=x}", "reserved operator '=' at position 1");
    assertMalformed("{a b}", "invalid variable name 'a b' at position 1");
    assertMalformed("{x,.y}", "invalid variable name '.y' at position 3");
    assertMalformed("{x:0}", "invalid prefix length '0' at position 3");
    assertMalformed("{x:10000}", "invalid prefix length '10000' at position 3");
    assertMalformed("{x*y}", "unexpected character after '*' at position 3");
    assertMalformed("{a{b}", "'{' inside an expression at position 2");
    assertMalformed("a b", "invalid literal character at position 1");
    assertMalformed("%zz", "invalid percent-encoding at position 0");
  }

  private static void assertMalformed(String template, String what) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UriTemplate.of(template));
    assertEquals("malformed URI template: " + what + " in \"" + template + "\"", e.getMessage());
  }

  @Test
  void accessorsAndEquality() {
    UriTemplate t = UriTemplate.of("/{a}/{+b}{?c,a}");
    assertEquals("/{a}/{+b}{?c,a}", t.template());
    assertEquals("/{a}/{+b}{?c,a}", t.toString());
    assertEquals(List.of("a", "b", "c"), t.variableNames());
    assertEquals(UriTemplate.of("/{a}/{+b}{?c,a}"), t);
    assertEquals(UriTemplate.of("/{a}/{+b}{?c,a}").hashCode(), t.hashCode());
    assertNotEquals(UriTemplate.of("/{a}"), t);
    assertThrows(UnsupportedOperationException.class, () -> t.variableNames().add("d"));
  }

  private static Optional<Map<String, String>> match(String template, String uri) {
    return UriTemplate.of(template).match(uri);
  }

  @Test
  void matchSimpleSegment() {
    assertEquals(
        Optional.of(Map.of("id", "123")),
        match("test://template/{id}/data", "test://template/123/data"));
    assertEquals(Optional.empty(), match("test://template/{id}/data", "test://template/1/2/data"));
    assertEquals(Optional.empty(), match("test://template/{id}/data", "test://template//data"));
    assertEquals(Optional.empty(), match("test://template/{id}/data", "test://other/123/data"));
    assertEquals(
        Optional.empty(), match("test://template/{id}/data", "test://template/123/data/x"));
    assertEquals(
        Optional.of(Map.of("x", "1", "y", "2")), match("p/{x,y}", "p/1,2"));
  }

  @Test
  void matchPercentDecodes() {
    assertEquals(
        Optional.of(Map.of("name", "a b/c\u00e9")), match("/u/{name}", "/u/a%20b%2Fc%C3%A9"));
    assertEquals(Optional.of(Map.of("name", "a+b")), match("/u/{name}", "/u/a+b"));
    assertEquals(Optional.empty(), match("/u/{name}", "/u/%zz"));
    assertEquals(Optional.empty(), match("/u/{name}", "/u/%C3"));
  }

  @Test
  void matchReservedSpansSlashes() {
    assertEquals(
        Optional.of(Map.of("path", "home/user/file name.txt")),
        match("file:///{+path}", "file:///home/user/file%20name.txt"));
    assertEquals(Optional.empty(), match("file:///{+path}", "file:///"));
    assertEquals(Optional.empty(), match("file:///{+path}", "http:///x"));
  }

  @Test
  void matchQuery() {
    String template = "search://items{?q,limit}{&page}";
    assertEquals(
        Optional.of(Map.of("q", "red shoes", "limit", "10", "page", "2")),
        match(template, "search://items?page=2&q=red%20shoes&limit=10&other=x"));
    assertEquals(Optional.of(Map.of("q", "")), match(template, "search://items?q"));
    assertEquals(Optional.of(Map.of()), match(template, "search://items"));
    assertEquals(Optional.of(Map.of("q", "a,b")), match(template, "search://items?q=a&q=b"));
    assertEquals(Optional.empty(), match(template, "search://things?q=a"));
    assertEquals(
        Optional.of(Map.of("x", "1024")), match("/s?fixed=yes{&x}", "/s?fixed=yes&x=1024"));
    assertEquals(Optional.of(Map.of()), match("/s?fixed=yes{&x}", "/s?fixed=yes"));
  }

  @Test
  void matchPathLabelParameterFragment() {
    assertEquals(
        Optional.of(Map.of("a", "x", "b", "y")), match("/r{/a,b}", "/r/x/y"));
    assertEquals(Optional.of(Map.of("a", "x")), match("/r{/a,b}", "/r/x"));
    assertEquals(Optional.of(Map.of("rest", "a/b/c")), match("/r{/rest*}", "/r/a/b/c"));
    assertEquals(Optional.of(Map.of("ext", "json")), match("/file{.ext}", "/file.json"));
    assertEquals(Optional.of(Map.of()), match("/file{.ext}", "/file"));
    assertEquals(
        Optional.of(Map.of("x", "1024", "empty", "")), match("/m{;x,y,empty}", "/m;x=1024;empty"));
    assertEquals(Optional.empty(), match("/m{;x}", "/m;xy=1"));
    assertEquals(
        Optional.of(Map.of("id", "7", "frag", "sec/2")), match("/d/{id}{#frag}", "/d/7#sec/2"));
    assertEquals(Optional.of(Map.of("id", "7")), match("/d/{id}{#frag}", "/d/7"));
  }

  @Test
  void matchRoundTripsExpansion() {
    UriTemplate t = UriTemplate.of("res://{kind}/{+path}{?v}");
    Map<String, Object> vars = Map.of("kind", "a b", "path", "x/y z", "v", "1&2");
    String uri = t.expand(vars);
    assertEquals("res://a%20b/x/y%20z?v=1%262", uri);
    assertEquals(Optional.of(Map.of("kind", "a b", "path", "x/y z", "v", "1&2")), t.match(uri));
  }

  @Test
  void repeatedVariableMustAgree() {
    assertEquals(Optional.of(Map.of("a", "x")), match("/{a}/{a}", "/x/x"));
    assertEquals(Optional.empty(), match("/{a}/{a}", "/x/y"));
  }
}
