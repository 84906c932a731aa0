package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A content block of a tool result, prompt message or sampling message. The union grows with the
 * specification: keep a default branch when switching over its implementations.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = TextContent.class, name = "text"),
  @JsonSubTypes.Type(value = ImageContent.class, name = "image"),
  @JsonSubTypes.Type(value = AudioContent.class, name = "audio"),
  @JsonSubTypes.Type(value = ResourceLink.class, name = "resource_link"),
  @JsonSubTypes.Type(value = EmbeddedResource.class, name = "resource")
})
public interface Content {
  /** The wire discriminator, e.g. {@code "text"}. */
  String type();
}
