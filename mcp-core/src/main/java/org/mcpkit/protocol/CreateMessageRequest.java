package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code sampling/createMessage}.
 *
 * @param messages the conversation
 * @param maxTokens the token limit
 * @param systemPrompt a system prompt; null when absent
 * @param modelPreferences model preferences; null when absent
 * @param temperature the temperature; null when absent
 * @param stopSequences stop sequences; empty when absent
 * @param metadata provider-specific metadata; null when absent
 * @param includeContext none, thisServer or allServers (deprecated); null when absent
 * @param tools tools the model may use; empty when absent
 * @param toolChoice how the model picks tools; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateMessageRequest(
    @JsonProperty("messages") List<SamplingMessage> messages,
    @JsonProperty("maxTokens") Integer maxTokens,
    @JsonProperty("systemPrompt") String systemPrompt,
    @JsonProperty("modelPreferences") ModelPreferences modelPreferences,
    @JsonProperty("temperature") Double temperature,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("stopSequences") List<String> stopSequences,
    @JsonProperty("metadata") Map<String, Object> metadata,
    @JsonProperty("includeContext") String includeContext,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("tools") List<Tool> tools,
    @JsonProperty("toolChoice") Map<String, Object> toolChoice,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public CreateMessageRequest {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    Objects.requireNonNull(maxTokens, "maxTokens");
    stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
    metadata = metadata == null ? null : Wire.copy(metadata);
    tools = tools == null ? List.of() : List.copyOf(tools);
    toolChoice = toolChoice == null ? null : Wire.copy(toolChoice);
    meta = meta == null ? null : Wire.copy(meta);
  }

  /** A single user text message. */
  public static CreateMessageRequest of(String userText, int maxTokens) {
    return new CreateMessageRequest(
        List.of(new SamplingMessage(Role.USER, List.of(TextContent.of(userText)), null)),
        maxTokens, null, null, null, null, null, null, null, null, null);
  }
}
