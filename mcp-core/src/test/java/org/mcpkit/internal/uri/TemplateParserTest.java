package org.mcpkit.internal.uri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateParserTest {

  @Test
  void splitsLiteralsAndExpressions() {
    assertEquals(
        List.of(
            new Literal("res://"),
            new Expression(Operator.NONE, List.of(new VarSpec("kind", 0, false))),
            new Literal("/%2F"),
            new Expression(
                Operator.PATH, List.of(new VarSpec("a", 3, false), new VarSpec("b", 0, true))),
            new Expression(Operator.QUERY, List.of(new VarSpec("q", 0, false)))),
        TemplateParser.parse("res://{kind}/%2F{/a:3,b*}{?q}"));
  }

  @Test
  void everyOperatorCharacter() {
    String operators = "+#./;?&";
    List<Operator> expected =
        List.of(
            Operator.RESERVED,
            Operator.FRAGMENT,
            Operator.LABEL,
            Operator.PATH,
            Operator.PARAMETER,
            Operator.QUERY,
            Operator.CONTINUATION);
    for (int i = 0; i < operators.length(); i++) {
      List<TemplatePart> parts = TemplateParser.parse("{" + operators.charAt(i) + "v}");
      assertEquals(expected.get(i), ((Expression) parts.get(0)).operator());
    }
  }

  @Test
  void emptyTemplateHasNoParts() {
    assertEquals(List.of(), TemplateParser.parse(""));
  }

  @Test
  void variableNamesAreDistinctInFirstAppearanceOrder() {
    assertEquals(
        List.of("b", "a", "c"),
        TemplateParser.variableNames(TemplateParser.parse("/{b}/{a,b}{?c,a}")));
  }

  @Test
  void percentEncodedVariableNamesAreAccepted() {
    List<TemplatePart> parts = TemplateParser.parse("{a%20b}");
    assertEquals(List.of("a%20b"), TemplateParser.variableNames(parts));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TemplateParser.parse("{a%2}"));
    assertEquals(
        "malformed URI template: invalid variable name 'a%2' at position 1 in \"{a%2}\"",
        e.getMessage());
  }

  @Test
  void partsAreImmutable() {
    List<TemplatePart> parts = TemplateParser.parse("a{b}");
    assertThrows(UnsupportedOperationException.class, () -> parts.add(new Literal("c")));
  }
}
