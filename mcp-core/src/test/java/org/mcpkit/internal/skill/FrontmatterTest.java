package org.mcpkit.internal.skill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SKILL.md frontmatter reader: the YAML subset it reads, typed as YAML's core schema, and what it refuses. */
class FrontmatterTest {
  @Test
  void readsScalarsNestedMapsListsAndBlockScalars() throws Exception {
    String text =
        String.join(
            "\n",
            "---",
            "name: pdf-processing # the folder's name",
            "description: \"Extract, fill: and \\\"assemble\\\" PDFs\"",
            "license: 'Apache-2.0 ''or'' MIT'",
            "version: 2",
            "ratio: 1.5",
            "beta: true",
            "gone: ~",
            "url: https://example.com/x#frag",
            "metadata:",
            "  author: team",
            "  nested:",
            "    depth: 3",
            "tags:",
            "- one",
            "- 'two'",
            "inline: [a, \"b c\", 3]",
            "empty: []",
            "notes: |",
            "  line one",
            "    indented",
            "",
            "  after blank",
            "folded: >-",
            "  folded",
            "  text",
            "---",
            "# Body",
            "name: not frontmatter");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("name", "pdf-processing");
    expected.put("description", "Extract, fill: and \"assemble\" PDFs");
    expected.put("license", "Apache-2.0 'or' MIT");
    expected.put("version", 2L);
    expected.put("ratio", 1.5);
    expected.put("beta", true);
    expected.put("gone", null);
    expected.put("url", "https://example.com/x#frag");
    expected.put("metadata", Map.of("author", "team", "nested", Map.of("depth", 3L)));
    expected.put("tags", List.of("one", "two"));
    expected.put("inline", List.of("a", "b c", 3L));
    expected.put("empty", List.of());
    expected.put("notes", "line one\n  indented\n\nafter blank\n");
    expected.put("folded", "folded text");
    assertEquals(expected, Frontmatter.parse(text));
  }

  @Test
  void acceptsCrlfAndAByteOrderMark() throws Exception {
    assertEquals(
        Map.of("name", "a", "description", "b"),
        Frontmatter.parse("\uFEFF---\r\nname: a\r\ndescription: b\r\n---\r\nbody"));
  }

  @Test
  void refusesWhatItDoesNotReadWithTheLineAndTheReason() {
    assertRefused("no frontmatter", "# Title\n", "does not begin with a --- line (YAML frontmatter)");
    assertRefused("unclosed", "---\nname: a\n", "the frontmatter has no closing --- line");
    assertRefused("empty", "---\n---\n", "the frontmatter is empty");
    assertRefused("duplicate", "---\nname: a\nname: b\n---\n", "line 3: duplicate key 'name'");
    assertRefused("anchor", "---\nname: &x a\n---\n", "line 2: anchors, aliases and tags are not supported");
    assertRefused("alias", "---\nname: *x\n---\n", "line 2: anchors, aliases and tags are not supported");
    assertRefused("tag", "---\nname: !!str a\n---\n", "line 2: anchors, aliases and tags are not supported");
    assertRefused("flow map", "---\nm: {a: 1}\n---\n", "line 2: flow collections other than a one-line list of scalars are not supported");
    assertRefused("colon", "---\nd: a: b\n---\n", "line 2: a plain scalar may not contain ': ' (quote it)");
    assertRefused("not a key", "---\njust text\n---\n", "line 2: expected 'key: value'");
    assertRefused("indent", "---\nname: a\n  more: b\n---\n", "line 3: unexpected indentation");
    assertRefused("tab", "---\nm:\n\tk: v\n---\n", "line 3: tabs may not indent YAML");
    assertRefused("map in list", "---\nl:\n- k: v\n---\n", "line 3: mappings inside sequences are not supported");
  }

  private static void assertRefused(String what, String text, String message) {
    Frontmatter.Invalid e = assertThrows(Frontmatter.Invalid.class, () -> Frontmatter.parse(text), what);
    assertEquals(message, e.getMessage(), what);
  }
}
