package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The contents of a resource: text or binary. Open union: keep a default branch when switching.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
  @JsonSubTypes.Type(TextResourceContents.class),
  @JsonSubTypes.Type(BlobResourceContents.class)
})
public interface ResourceContents {
  /** The resource URI. */
  String uri();

  /** The MIME type, or null when unknown. */
  String mimeType();
}
