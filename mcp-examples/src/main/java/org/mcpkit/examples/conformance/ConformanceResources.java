package org.mcpkit.examples.conformance;

import static org.mcpkit.examples.conformance.ConformanceServer.PNG;

import java.util.List;
import org.mcpkit.protocol.BlobResourceContents;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;

/**
 * The resources the suite reads: static text, static binary, a watched resource and one template
 * whose reads echo the matched {@code id}.
 */
final class ConformanceResources {
  private ConformanceResources() {}

  /** Registers the resources and the resource template. */
  static void register(McpServer.Builder b) {
    b.resource(
        ResourceSpec.of(
            new Resource(
                "test://static-text", "static-text", null, "A static text resource", "text/plain",
                null, null, null, null),
            (ctx, uri, vars) ->
                read(new TextResourceContents(
                    uri, "text/plain", "This is the content of the static text resource.", null))));
    b.resource(
        ResourceSpec.of(
            new Resource(
                "test://static-binary", "static-binary", null, "A static binary resource", "image/png",
                null, null, null, null),
            (ctx, uri, vars) -> read(new BlobResourceContents(uri, "image/png", PNG, null))));
    b.resource(
        ResourceSpec.of(
            new Resource(
                "test://watched-resource", "watched-resource", null, "A resource that changes",
                "text/plain", null, null, null, null),
            (ctx, uri, vars) -> read(new TextResourceContents(uri, "text/plain", "Watched resource content", null))));
    b.resourceTemplate(
        ResourceTemplateSpec.of(
            new ResourceTemplate(
                "test://template/{id}/data", "template", null, "A templated resource",
                "application/json", null, null, null),
            (ctx, uri, vars) -> {
              String id = vars.get("id");
              return read(
                  new TextResourceContents(
                      uri,
                      "application/json",
                      "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}",
                      null));
            }));
  }

  private static ReadResourceResult read(org.mcpkit.protocol.ResourceContents contents) {
    return new ReadResourceResult(List.of(contents), null);
  }
}
