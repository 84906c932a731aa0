package org.mcpkit.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Client input repeated in messages and logs: a short, printable prefix. */
class ClientTextTest {
  @Test
  void shortPrintableTextIsKeptAsItIs() {
    String s = "tools/call";
    assertSame(s, ClientText.of(s));
    assertEquals("Café ☕ 名前", ClientText.of("Café ☕ 名前"));
    assertEquals("null", ClientText.of(null));
  }

  @Test
  void longTextIsCutTo128CharactersAndMarked() {
    assertEquals("m".repeat(128) + "\u2026", ClientText.of("m".repeat(1024 * 1024)));
    assertEquals("x".repeat(128), ClientText.of("x".repeat(128)));
  }

  @Test
  void controlAndUnprintableCharactersBecomeQuestionMarks() {
    assertEquals("a?b?c?d?e", ClientText.of("a\nb\rc\u0000d\u202ee"));
    assertEquals("log?[31minjection", ClientText.of("log\u001b[31minjection"), "no escape sequence reaches a terminal");
    assertEquals("?x", ClientText.of("\ud800x"), "a lone surrogate");
    assertEquals("\ud83d\ude00", ClientText.of("\ud83d\ude00"), "a pair is kept");
  }

  @Test
  void aSurrogatePairIsNeverCutInHalf() {
    String s = "a".repeat(127) + "\ud83d\ude00" + "tail";
    assertEquals("a".repeat(127) + "\u2026", ClientText.of(s));
  }
}
