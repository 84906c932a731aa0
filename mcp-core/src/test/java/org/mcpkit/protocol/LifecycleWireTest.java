package org.mcpkit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.protocol.WireJson.assertRejected;
import static org.mcpkit.protocol.WireJson.assertWire;
import static org.mcpkit.protocol.WireJson.assertWrites;
import static org.mcpkit.protocol.WireJson.read;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleWireTest {

  private static final ServerCapabilities SERVER_CAPS =
      new ServerCapabilities(
          null,
          Map.of(),
          Map.of(),
          new PromptsCapability(true),
          new ResourcesCapability(true, false),
          new ToolsCapability(true),
          Map.of("io.modelcontextprotocol/tasks", Map.of()));

  private static final String SERVER_CAPS_JSON = """
      {
        "logging": {},
        "completions": {},
        "prompts": {"listChanged": true},
        "resources": {"subscribe": true, "listChanged": false},
        "tools": {"listChanged": true},
        "extensions": {"io.modelcontextprotocol/tasks": {}}
      }
      """;

  @Test
  void discoverResult() {
    String golden = """
        {
          "supportedVersions": ["2026-07-28", "2025-11-25"],
          "capabilities": %s,
          "instructions": "Use get_weather for forecasts.",
          "_meta": {"io.modelcontextprotocol/serverInfo": {"name": "weather", "version": "1.2.0"}}
        }
        """.formatted(SERVER_CAPS_JSON);
    DiscoverResult value =
        new DiscoverResult(
            List.of("2026-07-28", "2025-11-25"),
            SERVER_CAPS,
            "Use get_weather for forecasts.",
            Map.of("io.modelcontextprotocol/serverInfo", Map.of("name", "weather", "version", "1.2.0")));
    assertWire(golden, value, DiscoverResult.class);
  }

  @Test
  void discoverResultMissingFieldsRejected() {
    assertRejected("""
        {"capabilities":{}}
        """, DiscoverResult.class);
    assertRejected("""
        {"supportedVersions":["2026-07-28"]}
        """, DiscoverResult.class);
  }

  @Test
  void serverCapabilitiesDistinguishEmptyFromAbsent() {
    ServerCapabilities none = new ServerCapabilities(null, null, null, null, null, null, null);
    assertWrites("{}", none);
    assertEquals(none, read("{}", ServerCapabilities.class));
    ServerCapabilities logging = read("""
        {"logging":{}}
        """, ServerCapabilities.class);
    assertEquals(Map.of(), logging.logging());
    assertNull(logging.completions());
    assertWrites("""
        {"logging":{}}
        """, logging);
    assertWrites("""
        {"tools":{}}
        """, new ServerCapabilities(null, null, null, null, null, new ToolsCapability(null), null));
  }

  @Test
  void initializeRequestParams() {
    String golden = """
        {
          "protocolVersion": "2025-11-25",
          "capabilities": {
            "roots": {"listChanged": true},
            "sampling": {},
            "elicitation": {"form": {}, "url": {}},
            "experimental": {"com.example/x": {"on": true}}
          },
          "clientInfo": {"name": "ExampleClient", "title": "Example Client", "version": "1.0.0"}
        }
        """;
    InitializeRequest value =
        new InitializeRequest(
            "2025-11-25",
            new ClientCapabilities(
                Map.of("com.example/x", Map.of("on", true)),
                new RootsCapability(true),
                new SamplingCapability(null, null),
                new ElicitationCapability(Map.of(), Map.of()),
                null),
            new Implementation("ExampleClient", "1.0.0", "Example Client", null, null, null),
            null);
    assertWire(golden, value, InitializeRequest.class);
  }

  @Test
  void initializeRequestMissingFieldsRejected() {
    assertRejected("""
        {"capabilities":{},"clientInfo":{"name":"c","version":"1"}}
        """, InitializeRequest.class);
    assertRejected("""
        {"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"c"}}
        """, InitializeRequest.class);
  }

  @Test
  void initializeResult() {
    String golden = """
        {
          "protocolVersion": "2025-11-25",
          "capabilities": %s,
          "serverInfo": {
            "name": "weather",
            "version": "1.2.0",
            "title": "Weather Server",
            "description": "Forecasts",
            "icons": [{"src": "https://example.com/w.png", "mimeType": "image/png", "sizes": ["48x48"]}],
            "websiteUrl": "https://example.com"
          },
          "instructions": "Be brief."
        }
        """.formatted(SERVER_CAPS_JSON);
    InitializeResult value =
        new InitializeResult(
            "2025-11-25",
            SERVER_CAPS,
            new Implementation(
                "weather",
                "1.2.0",
                "Weather Server",
                "Forecasts",
                List.of(new Icon("https://example.com/w.png", "image/png", List.of("48x48"), null)),
                "https://example.com"),
            "Be brief.",
            null);
    assertWire(golden, value, InitializeResult.class);
  }

  @Test
  void implementationOfIsMinimal() {
    assertWire("""
        {"name":"srv","version":"0.1"}
        """, Implementation.of("srv", "0.1"), Implementation.class);
  }

  @Test
  void clientCapabilitiesNoneIsEmptyObject() {
    ClientCapabilities none = ClientCapabilities.none();
    assertWrites("{}", none);
    assertEquals(none, read("{}", ClientCapabilities.class));
    assertFalse(none.hasElicitation());
    assertFalse(none.hasElicitationForm());
    assertFalse(none.hasElicitationUrl());
    assertFalse(none.hasSampling());
    assertFalse(none.hasSamplingTools());
    assertFalse(none.hasRoots());
    assertFalse(none.hasExtension("io.modelcontextprotocol/ui"));
  }

  @Test
  void emptyElicitationMeansForm() {
    ClientCapabilities caps = read("""
        {"elicitation":{}}
        """, ClientCapabilities.class);
    assertTrue(caps.hasElicitation());
    assertTrue(caps.hasElicitationForm());
    assertFalse(caps.hasElicitationUrl());
    assertWrites("""
        {"elicitation":{}}
        """, caps);
  }

  @Test
  void urlOnlyElicitationExcludesForm() {
    ClientCapabilities caps = read("""
        {"elicitation":{"url":{}}}
        """, ClientCapabilities.class);
    assertFalse(caps.hasElicitationForm());
    assertTrue(caps.hasElicitationUrl());
    ClientCapabilities both = read("""
        {"elicitation":{"form":{},"url":{}}}
        """, ClientCapabilities.class);
    assertTrue(both.hasElicitationForm());
    assertTrue(both.hasElicitationUrl());
  }

  @Test
  void samplingRootsAndExtensions() {
    ClientCapabilities caps = read("""
        {
          "roots": {},
          "sampling": {"tools": {}},
          "extensions": {"io.modelcontextprotocol/ui": {"mimeTypes": ["text/html"]}},
          "futureCapability": {}
        }
        """, ClientCapabilities.class);
    assertTrue(caps.hasRoots());
    assertTrue(caps.hasSampling());
    assertTrue(caps.hasSamplingTools());
    assertTrue(caps.hasExtension("io.modelcontextprotocol/ui"));
    assertFalse(caps.hasExtension("io.modelcontextprotocol/other"));
    assertFalse(caps.hasElicitation());
    assertWrites("""
        {
          "roots": {},
          "sampling": {"tools": {}},
          "extensions": {"io.modelcontextprotocol/ui": {"mimeTypes": ["text/html"]}}
        }
        """, caps);
    ClientCapabilities plainSampling = read("""
        {"sampling":{"context":{}}}
        """, ClientCapabilities.class);
    assertTrue(plainSampling.hasSampling());
    assertFalse(plainSampling.hasSamplingTools());
  }

  @Test
  void unsupportedVersionData() {
    assertWire("""
        {"supported":["2026-07-28","2025-11-25"],"requested":"1999-01-01"}
        """,
        new UnsupportedVersionData(List.of("2026-07-28", "2025-11-25"), "1999-01-01"),
        UnsupportedVersionData.class);
  }

  @Test
  void missingCapabilityData() {
    assertWire("""
        {"requiredCapabilities":{"elicitation":{"url":{}}}}
        """,
        new MissingCapabilityData(
            new ClientCapabilities(null, null, null, new ElicitationCapability(null, Map.of()), null)),
        MissingCapabilityData.class);
    assertRejected("{}", MissingCapabilityData.class);
  }
}
