package org.mcpkit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.protocol.WireJson.assertRejected;
import static org.mcpkit.protocol.WireJson.assertWire;
import static org.mcpkit.protocol.WireJson.assertWrites;
import static org.mcpkit.protocol.WireJson.read;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentWireTest {

  private static final Annotations ANNOTATIONS =
      new Annotations(List.of(Role.USER, Role.ASSISTANT), 0.8, "2025-01-12T15:00:58Z");

  @Test
  void plainTextOmitsAbsentFields() {
    assertWrites("""
        {"type":"text","text":"hi"}
        """, TextContent.of("hi"));
  }

  @Test
  void textContentWithAnnotationsAndMeta() {
    String golden = """
        {
          "type": "text",
          "text": "Tool result text",
          "annotations": {
            "audience": ["user", "assistant"],
            "priority": 0.8,
            "lastModified": "2025-01-12T15:00:58Z"
          },
          "_meta": {"com.example/trace": "abc"}
        }
        """;
    TextContent value =
        new TextContent("Tool result text", ANNOTATIONS, Map.of("com.example/trace", "abc"));
    assertWire(golden, value, Content.class);
    assertInstanceOf(TextContent.class, read(golden, Content.class));
  }

  @Test
  void imageContentRoundTrips() {
    String golden = """
        {"type":"image","data":"iVBORw0KGgo=","mimeType":"image/png","annotations":{"priority":0.5}}
        """;
    ImageContent value = new ImageContent("iVBORw0KGgo=", "image/png", new Annotations(null, 0.5, null), null);
    assertWire(golden, value, Content.class);
    assertInstanceOf(ImageContent.class, read(golden, Content.class));
    assertEquals("image", value.type());
  }

  @Test
  void audioContentRoundTrips() {
    String golden = """
        {"type":"audio","data":"UklGRiQAAABXQVZF","mimeType":"audio/wav"}
        """;
    AudioContent value = new AudioContent("UklGRiQAAABXQVZF", "audio/wav", null, null);
    assertWire(golden, value, Content.class);
    assertInstanceOf(AudioContent.class, read(golden, Content.class));
  }

  @Test
  void resourceLinkRoundTrips() {
    String golden = """
        {
          "type": "resource_link",
          "uri": "file:///project/src/main.rs",
          "name": "main.rs",
          "title": "Main",
          "description": "Primary entry point",
          "mimeType": "text/x-rust",
          "size": 2048,
          "icons": [{"src": "https://example.com/rs.png", "mimeType": "image/png", "sizes": ["48x48"]}],
          "annotations": {"audience": ["assistant"]},
          "_meta": {"k": 1}
        }
        """;
    ResourceLink value =
        new ResourceLink(
            "file:///project/src/main.rs",
            "main.rs",
            "Main",
            "Primary entry point",
            "text/x-rust",
            2048L,
            List.of(new Icon("https://example.com/rs.png", "image/png", List.of("48x48"), null)),
            new Annotations(List.of(Role.ASSISTANT), null, null),
            Map.of("k", 1));
    assertWire(golden, value, Content.class);
    assertInstanceOf(ResourceLink.class, read(golden, Content.class));
  }

  @Test
  void resourceLinkWithoutIconsOmitsThem() {
    assertWrites("""
        {"type":"resource_link","uri":"file:///a","name":"a"}
        """, new ResourceLink("file:///a", "a", null, null, null, null, List.of(), null, null));
  }

  @Test
  void embeddedTextResourceRoundTrips() {
    String golden = """
        {
          "type": "resource",
          "resource": {"uri": "file:///notes.txt", "mimeType": "text/plain", "text": "hello"},
          "annotations": {"priority": 1.0}
        }
        """;
    EmbeddedResource value =
        new EmbeddedResource(
            new TextResourceContents("file:///notes.txt", "text/plain", "hello", null),
            new Annotations(null, 1.0, null),
            null);
    assertWire(golden, value, Content.class);
    EmbeddedResource read = (EmbeddedResource) read(golden, Content.class);
    assertInstanceOf(TextResourceContents.class, read.resource());
  }

  @Test
  void embeddedBlobResourceRoundTrips() {
    String golden = """
        {"type":"resource","resource":{"uri":"file:///logo.png","mimeType":"image/png","blob":"iVBORw0KGgo="}}
        """;
    EmbeddedResource value =
        new EmbeddedResource(
            new BlobResourceContents("file:///logo.png", "image/png", "iVBORw0KGgo=", null), null, null);
    assertWire(golden, value, Content.class);
    EmbeddedResource read = (EmbeddedResource) read(golden, Content.class);
    assertInstanceOf(BlobResourceContents.class, read.resource());
  }

  @Test
  void resourceContentsDeducedFromFields() {
    String text = """
        {"uri":"file:///a.txt","text":"abc","_meta":{"x":true}}
        """;
    assertWire(text, new TextResourceContents("file:///a.txt", null, "abc", Map.of("x", true)), ResourceContents.class);
    assertInstanceOf(TextResourceContents.class, read(text, ResourceContents.class));

    String blob = """
        {"uri":"file:///a.bin","mimeType":"application/octet-stream","blob":"AAE="}
        """;
    assertWire(
        blob,
        new BlobResourceContents("file:///a.bin", "application/octet-stream", "AAE=", null),
        ResourceContents.class);
    ResourceContents read = read(blob, ResourceContents.class);
    assertInstanceOf(BlobResourceContents.class, read);
    assertEquals("file:///a.bin", read.uri());
    assertEquals("application/octet-stream", read.mimeType());
  }

  @Test
  void unknownFieldsIgnored() {
    assertEquals(
        TextContent.of("hi"),
        read("""
            {"type":"text","text":"hi","futureField":{"nested":[1,2]}}
            """, Content.class));
    assertEquals(
        new ImageContent("AA==", "image/png", null, null),
        read("""
            {"type":"image","data":"AA==","mimeType":"image/png","extra":1}
            """, Content.class));
    assertEquals(
        new Annotations(null, 0.1, null),
        read("""
            {"priority":0.1,"unknown":"x"}
            """, Annotations.class));
  }

  @Test
  void missingRequiredFieldsRejected() {
    assertRejected("""
        {"type":"text"}
        """, Content.class);
    assertRejected("""
        {"type":"image","data":"AA=="}
        """, Content.class);
    assertRejected("""
        {"type":"resource_link","uri":"file:///a"}
        """, Content.class);
    assertRejected("""
        {"type":"resource"}
        """, Content.class);
    assertRejected("""
        {"mimeType":"text/plain","text":"no uri"}
        """, TextResourceContents.class);
    assertRejected("""
        {"mimeType":"image/png"}
        """, Icon.class);
  }

  @Test
  void contentWithoutTypeRejected() {
    assertRejected("""
        {"text":"hi"}
        """, Content.class);
  }

  @Test
  void optionalCollectionsDefaultToEmptyAndAreImmutable() {
    Annotations a = new Annotations(null, null, null);
    assertTrue(a.audience().isEmpty());
    assertWrites("{}", a);
    Icon icon = new Icon("https://example.com/i.png", null, null, null);
    assertTrue(icon.sizes().isEmpty());
    assertWrites("""
        {"src":"https://example.com/i.png"}
        """, icon);
    assertThrows(UnsupportedOperationException.class, () -> icon.sizes().add("any"));
  }

  @Test
  void iconWithAllFields() {
    assertWire("""
        {"src":"data:image/png;base64,AA==","mimeType":"image/png","sizes":["48x48","any"],"theme":"dark"}
        """, new Icon("data:image/png;base64,AA==", "image/png", List.of("48x48", "any"), "dark"), Icon.class);
  }

  @Test
  void rolesUseLowercaseWireNames() {
    assertWrites("\"user\"", Role.USER);
    assertWrites("\"assistant\"", Role.ASSISTANT);
    assertEquals(Role.ASSISTANT, read("\"assistant\"", Role.class));
    assertRejected("\"system\"", Role.class);
  }
}
