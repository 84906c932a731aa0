package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a completion request completes: a prompt or a resource template. Open union. */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = PromptReference.class, name = "ref/prompt"),
  @JsonSubTypes.Type(value = ResourceTemplateReference.class, name = "ref/resource")
})
public interface CompletionReference {
  /** The wire discriminator. */
  String type();
}
