package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.skill.SkillDirectory;

/**
 * The skills extension through the dispatcher: capability, {@code skills/list} (digests, sizes,
 * pages), {@code skills/get}, {@code resources/directory/read}, the files as resources, and every
 * way out of the directory refused (dot segments, encoded and absolute forms, links out of the
 * root), plus the load-time refusals of a broken skill.
 */
class SkillsTest {
  private static final String REFUNDS_MD =
      "---\nname: refunds\ndescription: Process refunds per policy\nlicense: Apache-2.0\nmetadata:\n  version: \"1.2\"\n---\n\n# Refunds\nSee examples/email.md.\n";
  private static final String EMAIL = "Dear customer,\n";
  private static final String GIT_MD = "---\nname: git-workflow\ndescription: Team Git conventions\n---\nUse short branches.\n";

  @TempDir Path tmp;
  private McpServer server;
  private TestClient client;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private Path root() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("skills"));
    write(root.resolve("acme/billing/refunds/SKILL.md"), REFUNDS_MD);
    write(root.resolve("acme/billing/refunds/examples/email.md"), EMAIL);
    Files.write(Files.createDirectories(root.resolve("acme/billing/refunds/assets")).resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
    write(root.resolve("git-workflow/SKILL.md"), GIT_MD);
    write(root.resolve("git-workflow/.secret"), "hidden");
    write(root.resolve("README.md"), "not part of any skill");
    write(tmp.resolve("outside/secret.md"), "outside the root");
    return root;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private void serve(Path root, int pageSize) {
    server = McpServer.builder(Implementation.of("skills", "1")).pageSize(pageSize).skills(SkillDirectory.load(root)).build();
    client = new TestClient(server);
  }

  private static String sha(String text) throws Exception {
    return sha(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void advertisesTheExtensionWithDirectoryReadAndListsSkillsWithDigestsAndSizes() throws Exception {
    serve(root(), 100);
    JsonNode caps = client.call("server/discover", Map.of()).at("/result/capabilities");
    assertEquals(
        TestClient.parse("{\"directoryRead\":true}"), caps.at("/extensions/io.modelcontextprotocol~1skills"), caps.toString());
    assertTrue(caps.has("resources"), caps.toString());

    JsonNode list = client.call("skills/list", Map.of()).get("result");
    assertEquals("complete", list.get("resultType").asText());
    assertEquals(60_000, list.get("ttlMs").asLong());
    assertEquals("public", list.get("cacheScope").asText());
    assertFalse(list.has("nextCursor"));
    JsonNode refunds = list.at("/skills/0");
    assertEquals("skill://acme/billing/refunds/SKILL.md", refunds.get("uri").asText());
    assertEquals(
        TestClient.parse(
            "{\"name\":\"refunds\",\"description\":\"Process refunds per policy\",\"license\":\"Apache-2.0\",\"metadata\":{\"version\":\"1.2\"}}"),
        refunds.get("frontmatter"));
    assertEquals(
        TestClient.parse(
            "[{\"uri\":\"skill://acme/billing/refunds/SKILL.md\",\"digest\":\"" + sha(REFUNDS_MD) + "\",\"size\":" + REFUNDS_MD.length() + "},"
                + "{\"uri\":\"skill://acme/billing/refunds/assets/logo.png\",\"digest\":\""
                + sha(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff}) + "\",\"size\":6},"
                + "{\"uri\":\"skill://acme/billing/refunds/examples/email.md\",\"digest\":\"" + sha(EMAIL) + "\",\"size\":" + EMAIL.length() + "}]"),
        refunds.get("resources"));
    JsonNode git = list.at("/skills/1");
    assertEquals("skill://git-workflow/SKILL.md", git.get("uri").asText());
    assertEquals(1, git.get("resources").size(), "the hidden file is not served: " + git);
    assertEquals(2, list.get("skills").size());
  }

  @Test
  void pagesTheListingOneSkillAtATime() throws Exception {
    serve(root(), 1);
    JsonNode first = client.call("skills/list", Map.of()).get("result");
    assertEquals(List.of("skill://acme/billing/refunds/SKILL.md"), uris(first.get("skills")));
    String cursor = first.get("nextCursor").asText();
    JsonNode second = client.call("skills/list", Map.of("cursor", cursor)).get("result");
    assertEquals(List.of("skill://git-workflow/SKILL.md"), uris(second.get("skills")));
    assertFalse(second.has("nextCursor"));
    JsonNode bad = client.call("skills/list", Map.of("cursor", "not-a-cursor"));
    assertEquals(-32602, bad.at("/error/code").asInt());
  }

  @Test
  void getsOneSkillAndRefusesAnUnknownUri() throws Exception {
    serve(root(), 100);
    JsonNode r = client.call("skills/get", Map.of("uri", "skill://git-workflow/SKILL.md")).get("result");
    assertEquals(
        TestClient.parse(
            "{\"uri\":\"skill://git-workflow/SKILL.md\",\"frontmatter\":{\"name\":\"git-workflow\",\"description\":\"Team Git conventions\"},"
                + "\"resources\":[{\"uri\":\"skill://git-workflow/SKILL.md\",\"digest\":\"" + sha(GIT_MD) + "\",\"size\":" + GIT_MD.length() + "}]}"),
        r.get("skill"));
    assertEquals(0, r.get("ttlMs").asLong());
    assertEquals("private", r.get("cacheScope").asText());
    assertFalse(r.has("nextCursor"));
    JsonNode unknown = client.call("skills/get", Map.of("uri", "skill://nope/SKILL.md"));
    assertEquals(-32602, unknown.at("/error/code").asInt());
    assertEquals("No skill is served at skill://nope/SKILL.md", unknown.at("/error/message").asText());
    JsonNode file = client.call("skills/get", Map.of("uri", "skill://acme/billing/refunds/examples/email.md"));
    assertEquals(-32602, file.at("/error/code").asInt());
    JsonNode missing = client.call("skills/get", Map.of());
    assertEquals("Invalid params: uri is required", missing.at("/error/message").asText());
  }

  @Test
  void servesManifestsAsListedResourcesAndEveryFileThroughTheTemplate() throws Exception {
    serve(root(), 100);
    JsonNode resources = client.call("resources/list", Map.of()).at("/result/resources");
    assertEquals(
        TestClient.parse(
            "[{\"uri\":\"skill://acme/billing/refunds/SKILL.md\",\"name\":\"refunds\",\"description\":\"Process refunds per policy\",\"mimeType\":\"text/markdown\",\"size\":"
                + REFUNDS_MD.length() + "},"
                + "{\"uri\":\"skill://git-workflow/SKILL.md\",\"name\":\"git-workflow\",\"description\":\"Team Git conventions\",\"mimeType\":\"text/markdown\",\"size\":"
                + GIT_MD.length() + "}]"),
        resources);
    JsonNode templates = client.call("resources/templates/list", Map.of()).at("/result/resourceTemplates");
    assertEquals("skill://{+path}", templates.at("/0/uriTemplate").asText());

    JsonNode md = client.call("resources/read", Map.of("uri", "skill://acme/billing/refunds/SKILL.md")).at("/result/contents/0");
    assertEquals(TestClient.parse("{\"uri\":\"skill://acme/billing/refunds/SKILL.md\",\"mimeType\":\"text/markdown\",\"text\":" + TestClient.MAPPER.writeValueAsString(REFUNDS_MD) + "}"), md);
    JsonNode png = client.call("resources/read", Map.of("uri", "skill://acme/billing/refunds/assets/logo.png")).at("/result/contents/0");
    assertEquals("image/png", png.get("mimeType").asText());
    assertEquals("iVBORwD/", png.get("blob").asText());
  }

  @Test
  void readsDirectoriesAndRefusesWhatIsNotOne() throws Exception {
    serve(root(), 100);
    JsonNode skillRoot = client.call("resources/directory/read", Map.of("uri", "skill://acme/billing/refunds")).get("result");
    assertEquals("complete", skillRoot.get("resultType").asText());
    assertEquals(
        TestClient.parse(
            "[{\"uri\":\"skill://acme/billing/refunds/SKILL.md\",\"name\":\"SKILL.md\",\"mimeType\":\"text/markdown\",\"size\":" + REFUNDS_MD.length() + "},"
                + "{\"uri\":\"skill://acme/billing/refunds/assets\",\"name\":\"assets\",\"mimeType\":\"inode/directory\"},"
                + "{\"uri\":\"skill://acme/billing/refunds/examples\",\"name\":\"examples\",\"mimeType\":\"inode/directory\"}]"),
        skillRoot.get("resources"));
    JsonNode prefix = client.call("resources/directory/read", Map.of("uri", "skill://acme")).at("/result/resources");
    assertEquals(TestClient.parse("[{\"uri\":\"skill://acme/billing\",\"name\":\"billing\",\"mimeType\":\"inode/directory\"}]"), prefix);
    for (String notADirectory :
        List.of("skill://acme/billing/refunds/SKILL.md", "skill://acme/billing/refunds/", "skill://nowhere", "skill://", "/tmp")) {
      JsonNode r = client.call("resources/directory/read", Map.of("uri", notADirectory));
      assertEquals(-32602, r.at("/error/code").asInt(), notADirectory + ": " + r);
    }
    JsonNode r = client.call("resources/directory/read", Map.of("uri", "skill://acme/billing/refunds/SKILL.md"));
    assertEquals("skill://acme/billing/refunds/SKILL.md is not a directory resource", r.at("/error/message").asText());
  }

  @Test
  void pagesADirectory() throws Exception {
    serve(root(), 2);
    JsonNode first = client.call("resources/directory/read", Map.of("uri", "skill://acme/billing/refunds")).get("result");
    assertEquals(2, first.get("resources").size());
    JsonNode second =
        client.call("resources/directory/read", Map.of("uri", "skill://acme/billing/refunds", "cursor", first.get("nextCursor").asText()))
            .get("result");
    assertEquals(List.of("skill://acme/billing/refunds/examples"), uris(second.get("resources")));
    assertFalse(second.has("nextCursor"));
  }

  @Test
  void refusesEveryWayOutOfTheDirectory() throws Exception {
    Path root = root();
    Path outside = tmp.resolve("outside/secret.md");
    boolean links = true;
    try {
      Files.createSymbolicLink(root.resolve("git-workflow/leak.md"), outside);
      Files.createSymbolicLink(root.resolve("git-workflow/outside-dir"), outside.getParent());
      Files.createSymbolicLink(root.resolve("git-workflow/inside.md"), root.resolve("acme/billing/refunds/examples/email.md"));
    } catch (UnsupportedOperationException | IOException e) {
      links = false;
    }
    serve(root, 100);
    List<String> attempts =
        new ArrayList<>(
            List.of(
                "skill://git-workflow/../acme/billing/refunds/SKILL.md",
                "skill://git-workflow/../../outside/secret.md",
                "skill://git-workflow/%2e%2e/%2e%2e/outside/secret.md",
                "skill://git-workflow/..%2f..%2foutside%2fsecret.md",
                "skill://git-workflow/%2E%2E/README.md",
                "skill://README.md",
                "skill:///etc/passwd",
                "skill://" + outside.toAbsolutePath(),
                "file://" + outside.toAbsolutePath(),
                outside.toAbsolutePath().toString(),
                "skill://git-workflow/.secret",
                "skill://git-workflow/leak.md",
                "skill://git-workflow/outside-dir/secret.md",
                "skill://git-workflow\\..\\README.md"));
    for (String uri : attempts) {
      JsonNode r = client.call("resources/read", Map.of("uri", uri));
      assertEquals(-32602, r.at("/error/code").asInt(), uri + ": " + r);
      assertFalse(r.toString().contains("outside the root"), uri + ": " + r);
    }
    JsonNode dir = client.call("resources/directory/read", Map.of("uri", "skill://git-workflow/outside-dir"));
    assertEquals(-32602, dir.at("/error/code").asInt(), dir.toString());
    JsonNode git = client.call("skills/get", Map.of("uri", "skill://git-workflow/SKILL.md")).at("/result/skill/resources");
    if (links) {
      // a link to a file inside the root is served under its own name, with the target's bytes
      assertEquals(
          List.of("skill://git-workflow/SKILL.md", "skill://git-workflow/inside.md"),
          uris(git));
      assertEquals(sha(EMAIL), git.at("/1/digest").asText());
    } else {
      assertEquals(List.of("skill://git-workflow/SKILL.md"), uris(git));
    }
  }

  @Test
  void theMethodsAreUnknownWithoutSkills() throws Exception {
    server = McpServer.builder(Implementation.of("plain", "1")).build();
    client = new TestClient(server);
    for (String method : List.of("skills/list", "skills/get", "resources/directory/read")) {
      assertEquals(-32601, client.call(method, Map.of("uri", "skill://a/SKILL.md")).at("/error/code").asInt(), method);
    }
    assertFalse(client.call("server/discover", Map.of()).at("/result/capabilities").has("extensions"));
  }

  @Test
  void refusesABrokenSkillAtLoadNamingTheFileAndTheReason() throws Exception {
    assertLoadRefused("a/SKILL.md", "# no frontmatter\n", "a/SKILL.md: does not begin with a --- line (YAML frontmatter)");
    assertLoadRefused("a/SKILL.md", "---\nname: b\ndescription: d\n---\n", "a/SKILL.md: name 'b' differs from its folder 'a'");
    assertLoadRefused("Bad--Name/SKILL.md", "---\nname: Bad--Name\ndescription: d\n---\n",
        "Bad--Name/SKILL.md: name 'Bad--Name' breaks the naming rules (1-64 of a-z, 0-9 and '-', no leading, trailing or double '-')");
    assertLoadRefused("a/SKILL.md", "---\nname: a\n---\n", "a/SKILL.md: the frontmatter has no description");
    assertLoadRefused("SKILL.md", "---\nname: a\ndescription: d\n---\n", null);
  }

  private void assertLoadRefused(String file, String text, String message) throws IOException {
    Path root = Files.createTempDirectory(tmp, "broken");
    write(root.resolve(file), text);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SkillDirectory.load(root));
    if (message != null) {
      assertEquals(message, e.getMessage());
    } else {
      assertTrue(e.getMessage().startsWith("a SKILL.md at the root of "), e.getMessage());
    }
  }

  private static List<String> uris(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("uri").asText()));
    return out;
  }
}
