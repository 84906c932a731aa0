package org.mcpkit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mcpkit.protocol.WireJson.assertRejected;
import static org.mcpkit.protocol.WireJson.assertWire;
import static org.mcpkit.protocol.WireJson.assertWrites;
import static org.mcpkit.protocol.WireJson.read;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesWireTest {

  @Test
  void listResourcesResult() {
    String golden = """
        {
          "resources": [
            {
              "uri": "file:///project/README.md",
              "name": "README.md",
              "title": "Project readme",
              "description": "Start here",
              "mimeType": "text/markdown",
              "size": 1024,
              "icons": [{"src": "https://example.com/md.png"}],
              "annotations": {"audience": ["user"], "priority": 0.8, "lastModified": "2025-01-12T15:00:58Z"},
              "_meta": {"com.example/etag": "w/1"}
            },
            {"uri": "file:///project/LICENSE", "name": "LICENSE"}
          ],
          "nextCursor": "next"
        }
        """;
    Resource readme =
        new Resource(
            "file:///project/README.md",
            "README.md",
            "Project readme",
            "Start here",
            "text/markdown",
            1024L,
            List.of(new Icon("https://example.com/md.png", null, null, null)),
            new Annotations(List.of(Role.USER), 0.8, "2025-01-12T15:00:58Z"),
            Map.of("com.example/etag", "w/1"));
    ListResourcesResult value =
        new ListResourcesResult(
            List.of(readme, Resource.of("file:///project/LICENSE", "LICENSE")), "next", null);
    assertWire(golden, value, ListResourcesResult.class);
  }

  @Test
  void minimalResourceOmitsEmptyIcons() {
    assertWrites("""
        {"uri":"mem://a","name":"a"}
        """, Resource.of("mem://a", "a"));
  }

  @Test
  void resourceWithoutNameRejected() {
    assertRejected("""
        {"uri":"mem://a"}
        """, Resource.class);
  }

  @Test
  void listResourceTemplatesResult() {
    String golden = """
        {
          "resourceTemplates": [
            {
              "uriTemplate": "file:///{path}",
              "name": "project-files",
              "title": "Project files",
              "description": "Any file in the project",
              "mimeType": "application/octet-stream",
              "icons": [{"src": "https://example.com/f.png", "sizes": ["16x16"]}],
              "annotations": {"priority": 0.2}
            }
          ],
          "_meta": {"io.modelcontextprotocol/serverInfo": {"name": "files", "version": "2.0"}}
        }
        """;
    ResourceTemplate template =
        new ResourceTemplate(
            "file:///{path}",
            "project-files",
            "Project files",
            "Any file in the project",
            "application/octet-stream",
            List.of(new Icon("https://example.com/f.png", null, List.of("16x16"), null)),
            new Annotations(null, 0.2, null),
            null);
    ListResourceTemplatesResult value =
        new ListResourceTemplatesResult(
            List.of(template),
            null,
            Map.of("io.modelcontextprotocol/serverInfo", Map.of("name", "files", "version", "2.0")));
    assertWire(golden, value, ListResourceTemplatesResult.class);
  }

  @Test
  void templateWithoutUriTemplateRejected() {
    assertRejected("""
        {"name":"x"}
        """, ResourceTemplate.class);
  }

  @Test
  void readResourceRequestParams() {
    String golden = """
        {"uri":"file:///project/README.md","_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}
        """;
    ReadResourceRequest value =
        new ReadResourceRequest(
            "file:///project/README.md",
            null,
            null,
            Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28"));
    assertWire(golden, value, ReadResourceRequest.class);
    assertNull(read(golden, ReadResourceRequest.class).inputResponses());
  }

  @Test
  void readResourceRetryParams() {
    String golden = """
        {"uri":"mem://secret","inputResponses":{"login":{"action":"decline"}},"requestState":"s1"}
        """;
    ReadResourceRequest value =
        new ReadResourceRequest(
            "mem://secret", Map.of("login", Map.of("action", "decline")), "s1", null);
    assertWire(golden, value, ReadResourceRequest.class);
  }

  @Test
  void readResourceRequestWithoutUriRejected() {
    assertRejected("{}", ReadResourceRequest.class);
  }

  @Test
  void readTextResourceResult() {
    String golden = """
        {"contents":[{"uri":"file:///project/README.md","mimeType":"text/markdown","text":"# Project"}]}
        """;
    ReadResourceResult value =
        new ReadResourceResult(
            List.of(new TextResourceContents("file:///project/README.md", "text/markdown", "# Project", null)),
            null);
    assertWire(golden, value, ReadResourceResult.class);
    assertInstanceOf(
        TextResourceContents.class, read(golden, ReadResourceResult.class).contents().get(0));
  }

  @Test
  void readBlobResourceResult() {
    String golden = """
        {
          "contents": [
            {"uri": "file:///logo.png", "mimeType": "image/png", "blob": "iVBORw0KGgo=", "_meta": {"w": 16}},
            {"uri": "file:///logo.txt", "text": "a logo"}
          ]
        }
        """;
    ReadResourceResult value =
        new ReadResourceResult(
            List.of(
                new BlobResourceContents("file:///logo.png", "image/png", "iVBORw0KGgo=", Map.of("w", 16)),
                new TextResourceContents("file:///logo.txt", null, "a logo", null)),
            null);
    assertWire(golden, value, ReadResourceResult.class);
    ReadResourceResult read = read(golden, ReadResourceResult.class);
    assertInstanceOf(BlobResourceContents.class, read.contents().get(0));
    assertInstanceOf(TextResourceContents.class, read.contents().get(1));
  }

  @Test
  void resourceContentsUnknownFieldsIgnored() {
    assertEquals(
        new TextResourceContents("mem://a", null, "t", null),
        read("""
            {"uri":"mem://a","text":"t","future":1}
            """, ResourceContents.class));
  }

  @Test
  void legacySubscribeParams() {
    assertWire("""
        {"uri":"file:///project/README.md"}
        """, new SubscribeRequest("file:///project/README.md", null), SubscribeRequest.class);
    assertRejected("{}", SubscribeRequest.class);
  }
}
