package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mcpkit.protocol.Annotations;
import org.mcpkit.protocol.AudioContent;
import org.mcpkit.protocol.BlobResourceContents;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Content;
import org.mcpkit.protocol.EmbeddedResource;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.ImageContent;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.InitializeResult;
import org.mcpkit.protocol.ListPromptsResult;
import org.mcpkit.protocol.ListResourceTemplatesResult;
import org.mcpkit.protocol.ListResourcesResult;
import org.mcpkit.protocol.ListToolsResult;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptArgument;
import org.mcpkit.protocol.PromptMessage;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceContents;
import org.mcpkit.protocol.ResourceLink;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.ServerCapabilities;
import org.mcpkit.protocol.TextContent;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.protocol.ToolAnnotations;

/**
 * Shapes a result for the protocol revision a 2025-era session negotiated: what that revision's
 * schema does not define is removed, so one handler API can serve every revision.
 *
 * <p>The protocol records model the newest revision. Replies to 2026-07-28 requests and to
 * 2025-11-25 sessions are returned as they are (the same object: no copy, no allocation). For
 * older sessions, per the {@code schema.ts}/{@code schema.json} of each revision:
 *
 * <ul>
 *   <li><b>Before 2025-11-25</b> (2025-06-18, 2025-03-26, 2024-11-05): no {@code icons} (tools,
 *       resources, resource templates, prompts, resource links, {@code Implementation}); no
 *       {@code description} or {@code websiteUrl} on {@code Implementation}; no {@code
 *       execution} on {@code Tool}; no {@code extensions} capability (the server never sets it
 *       today, and our records have no {@code tasks} capability).
 *   <li><b>Before 2025-06-18</b> (2025-03-26, 2024-11-05): no {@code title} (BaseMetadata) on
 *       tools, resources, templates, prompts, prompt arguments and {@code Implementation}; no
 *       {@code outputSchema} on {@code Tool}; no {@code structuredContent} on {@code
 *       CallToolResult}; no {@code lastModified} in {@code Annotations} (an annotations object
 *       left empty is dropped); no {@code _meta} on tools, resources, templates, prompts,
 *       content blocks and resource contents (these revisions define {@code _meta} only at the
 *       result level, which is kept); no {@code resource_link} content.
 *   <li><b>2024-11-05</b> only: no tool {@code annotations}, no {@code audio} content, no {@code
 *       completions} capability, no {@code message} in progress notifications.
 * </ul>
 *
 * <p>Where removing a field would lose what a client needs, the value moves to something the
 * revision defines:
 *
 * <ul>
 *   <li>{@code structuredContent}: the 2025-06-18 tools page asks a tool returning structured
 *       content to also return its serialized JSON in a text block, for older clients. When no
 *       text block already holds that JSON (compared as JSON values, so key order, spacing and
 *       {@code 1} versus {@code 1.0} do not matter), one is appended after the tool's content.
 *   <li>A tool's {@code title}, for 2025-03-26, becomes {@code annotations.title} when that is
 *       unset: the same display name, in the field that revision defines for it.
 *   <li>{@code resource_link} becomes a <b>text</b> block, not an embedded resource: an embedded
 *       resource states the resource's contents (its {@code text} or {@code blob}), which a link
 *       does not carry, so any embedded form would invent contents. The text names the link:
 *       {@code "Resource link: <uri>"} and then one {@code "<field>: <value>"} line for each of
 *       {@code name}, {@code title}, {@code description}, {@code mimeType}, {@code size} that is
 *       set; the link's annotations are kept (shaped).
 *   <li>{@code audio} content, for 2024-11-05, becomes a text block {@code "Audio content
 *       (<mimeType>) omitted: protocol revision 2024-11-05 has no audio content"}. The data is
 *       dropped: an embedded blob resource would need a URI the client could not read.
 * </ul>
 *
 * <p>Types this class does not know (a user {@link Content} implementation, a tree built by the
 * dispatcher) pass through unchanged.
 */
final class RevisionShaping {
  /** JSON equality where numbers compare by value (an int and a long of the same value match). */
  private static final Comparator<JsonNode> SAME_JSON =
      (a, b) ->
          a.equals(b)
                  || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0)
              ? 0
              : 1;

  private RevisionShaping() {}

  /**
   * The result of a request, shaped for the session's revision.
   *
   * @param result what the route produced
   * @param session the 2025-era session the request came on; null for a modern request
   * @param mapper serializes structured content for revisions that lack it
   * @return {@code result} itself when no shaping applies, else a shaped copy
   */
  static Object reply(Object result, LegacySession session, ObjectMapper mapper) {
    return session == null ? result : shape(result, session.version(), mapper);
  }

  /** Whether replies to {@code version} differ from the records as built (revisions before 2025-11-25). */
  static boolean shapes(ProtocolVersion version) {
    return version == ProtocolVersion.V2025_06_18
        || version == ProtocolVersion.V2025_03_26
        || version == ProtocolVersion.V2024_11_05;
  }

  /** Whether a progress notification may carry {@code message} (added in 2025-03-26). */
  static boolean progressMessage(ProtocolVersion version) {
    return version != ProtocolVersion.V2024_11_05;
  }

  /**
   * {@code result} shaped for {@code version}.
   *
   * @return {@code result} itself when {@code version} needs no shaping or the type is unknown
   */
  static Object shape(Object result, ProtocolVersion version, ObjectMapper mapper) {
    if (!shapes(version)) {
      return result;
    }
    Cut cut = new Cut(version);
    if (result instanceof CallToolResult r) {
      return cut.callTool(r, mapper);
    }
    if (result instanceof ListToolsResult r) {
      List<Tool> tools = new ArrayList<>(r.tools().size());
      for (Tool t : r.tools()) {
        tools.add(cut.tool(t));
      }
      return new ListToolsResult(tools, r.nextCursor(), r.meta());
    }
    if (result instanceof ListResourcesResult r) {
      List<Resource> resources = new ArrayList<>(r.resources().size());
      for (Resource x : r.resources()) {
        resources.add(cut.resource(x));
      }
      return new ListResourcesResult(resources, r.nextCursor(), r.meta());
    }
    if (result instanceof ListResourceTemplatesResult r) {
      List<ResourceTemplate> templates = new ArrayList<>(r.resourceTemplates().size());
      for (ResourceTemplate x : r.resourceTemplates()) {
        templates.add(cut.template(x));
      }
      return new ListResourceTemplatesResult(templates, r.nextCursor(), r.meta());
    }
    if (result instanceof ListPromptsResult r) {
      List<Prompt> prompts = new ArrayList<>(r.prompts().size());
      for (Prompt x : r.prompts()) {
        prompts.add(cut.prompt(x));
      }
      return new ListPromptsResult(prompts, r.nextCursor(), r.meta());
    }
    if (result instanceof GetPromptResult r) {
      List<PromptMessage> messages = new ArrayList<>(r.messages().size());
      for (PromptMessage m : r.messages()) {
        messages.add(new PromptMessage(m.role(), cut.content(m.content())));
      }
      return new GetPromptResult(r.description(), messages, r.meta());
    }
    if (result instanceof ReadResourceResult r) {
      if (cut.since20250618) {
        return r;
      }
      List<ResourceContents> contents = new ArrayList<>(r.contents().size());
      for (ResourceContents c : r.contents()) {
        contents.add(cut.contents(c));
      }
      return new ReadResourceResult(contents, r.meta());
    }
    if (result instanceof InitializeResult r) {
      return new InitializeResult(
          r.protocolVersion(),
          cut.capabilities(r.capabilities()),
          cut.implementation(r.serverInfo()),
          r.instructions(),
          r.meta());
    }
    return result;
  }

  /** What one shaped revision keeps. */
  private static final class Cut {
    /** title, outputSchema, structuredContent, resource_link, nested _meta, lastModified. */
    final boolean since20250618;
    /** Tool annotations, audio content, the completions capability. */
    final boolean since20250326;
    final ProtocolVersion version;

    Cut(ProtocolVersion version) {
      this.version = version;
      this.since20250618 = version == ProtocolVersion.V2025_06_18;
      this.since20250326 = version != ProtocolVersion.V2024_11_05;
    }

    Tool tool(Tool t) {
      if (since20250618) {
        return new Tool(
            t.name(), t.title(), t.description(), t.inputSchema(), t.outputSchema(), null,
            t.annotations(), null, t.meta());
      }
      ToolAnnotations annotations = null;
      if (since20250326) {
        annotations = t.annotations();
        if (t.title() != null && (annotations == null || annotations.title() == null)) {
          annotations =
              annotations == null
                  ? new ToolAnnotations(t.title(), null, null, null, null)
                  : new ToolAnnotations(
                      t.title(),
                      annotations.readOnlyHint(),
                      annotations.destructiveHint(),
                      annotations.idempotentHint(),
                      annotations.openWorldHint());
        }
      }
      return new Tool(t.name(), null, t.description(), t.inputSchema(), null, null, annotations, null, null);
    }

    Resource resource(Resource r) {
      return since20250618
          ? new Resource(
              r.uri(), r.name(), r.title(), r.description(), r.mimeType(), r.size(), null,
              r.annotations(), r.meta())
          : new Resource(
              r.uri(), r.name(), null, r.description(), r.mimeType(), r.size(), null,
              annotations(r.annotations()), null);
    }

    ResourceTemplate template(ResourceTemplate t) {
      return since20250618
          ? new ResourceTemplate(
              t.uriTemplate(), t.name(), t.title(), t.description(), t.mimeType(), null,
              t.annotations(), t.meta())
          : new ResourceTemplate(
              t.uriTemplate(), t.name(), null, t.description(), t.mimeType(), null,
              annotations(t.annotations()), null);
    }

    Prompt prompt(Prompt p) {
      if (since20250618) {
        return new Prompt(p.name(), p.title(), p.description(), p.arguments(), null, p.meta());
      }
      List<PromptArgument> arguments = new ArrayList<>(p.arguments().size());
      for (PromptArgument a : p.arguments()) {
        arguments.add(new PromptArgument(a.name(), null, a.description(), a.required()));
      }
      return new Prompt(p.name(), null, p.description(), arguments, null, null);
    }

    Implementation implementation(Implementation i) {
      return new Implementation(i.name(), i.version(), since20250618 ? i.title() : null, null, null, null);
    }

    ServerCapabilities capabilities(ServerCapabilities c) {
      return new ServerCapabilities(
          c.experimental(),
          c.logging(),
          since20250326 ? c.completions() : null,
          c.prompts(),
          c.resources(),
          c.tools(),
          null);
    }

    CallToolResult callTool(CallToolResult r, ObjectMapper mapper) {
      List<Content> content = new ArrayList<>(r.content().size() + 1);
      for (Content c : r.content()) {
        content.add(content(c));
      }
      if (since20250618 || r.structuredContent() == null) {
        return new CallToolResult(content, r.structuredContent(), r.isError(), r.meta());
      }
      JsonNode structured = mapper.valueToTree(r.structuredContent());
      if (!holdsJson(r.content(), structured, mapper)) {
        try {
          content.add(TextContent.of(mapper.writeValueAsString(structured)));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("structuredContent is not serializable", e);
        }
      }
      return new CallToolResult(content, null, r.isError(), r.meta());
    }

    Content content(Content c) {
      if (c instanceof ResourceLink l) {
        if (since20250618) {
          return new ResourceLink(
              l.uri(), l.name(), l.title(), l.description(), l.mimeType(), l.size(), null,
              l.annotations(), l.meta());
        }
        return new TextContent(linkText(l), annotations(l.annotations()), null);
      }
      if (since20250618) {
        return c;
      }
      if (c instanceof TextContent t) {
        return new TextContent(t.text(), annotations(t.annotations()), null);
      }
      if (c instanceof ImageContent i) {
        return new ImageContent(i.data(), i.mimeType(), annotations(i.annotations()), null);
      }
      if (c instanceof AudioContent a) {
        if (!since20250326) {
          return new TextContent(
              "Audio content (" + a.mimeType() + ") omitted: protocol revision " + version.id()
                  + " has no audio content",
              annotations(a.annotations()),
              null);
        }
        return new AudioContent(a.data(), a.mimeType(), annotations(a.annotations()), null);
      }
      if (c instanceof EmbeddedResource e) {
        return new EmbeddedResource(contents(e.resource()), annotations(e.annotations()), null);
      }
      return c;
    }

    ResourceContents contents(ResourceContents c) {
      if (c instanceof TextResourceContents t) {
        return new TextResourceContents(t.uri(), t.mimeType(), t.text(), null);
      }
      if (c instanceof BlobResourceContents b) {
        return new BlobResourceContents(b.uri(), b.mimeType(), b.blob(), null);
      }
      return c;
    }

    /** Annotations without lastModified (added in 2025-06-18); null when nothing is left. */
    Annotations annotations(Annotations a) {
      if (a == null || a.lastModified() == null) {
        return a;
      }
      return a.audience().isEmpty() && a.priority() == null
          ? null
          : new Annotations(a.audience(), a.priority(), null);
    }
  }

  private static String linkText(ResourceLink l) {
    StringBuilder s = new StringBuilder("Resource link: ").append(l.uri());
    s.append("\nname: ").append(l.name());
    if (l.title() != null) {
      s.append("\ntitle: ").append(l.title());
    }
    if (l.description() != null) {
      s.append("\ndescription: ").append(l.description());
    }
    if (l.mimeType() != null) {
      s.append("\nmimeType: ").append(l.mimeType());
    }
    if (l.size() != null) {
      s.append("\nsize: ").append(l.size());
    }
    return s.toString();
  }

  /** Whether a text block of {@code content} already is the JSON {@code value}. */
  private static boolean holdsJson(List<Content> content, JsonNode value, ObjectMapper mapper) {
    for (Content c : content) {
      if (c instanceof TextContent t && looksLikeJson(t.text())) {
        try {
          if (mapper.readTree(t.text()).equals(SAME_JSON, value)) {
            return true;
          }
        } catch (JsonProcessingException e) {
          // prose that starts like JSON: not the serialized value
        }
      }
    }
    return false;
  }

  private static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (!Character.isWhitespace(ch)) {
        return ch == '{' || ch == '[';
      }
    }
    return false;
  }
}
