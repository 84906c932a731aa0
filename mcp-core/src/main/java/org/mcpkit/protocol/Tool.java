package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tool the model can call.
 *
 * @param name the unique name
 * @param title a display name; null when absent
 * @param description what the tool does; null when absent
 * @param inputSchema JSON Schema of the arguments, served verbatim
 * @param outputSchema JSON Schema of structured results; null when absent
 * @param icons icons; empty when absent
 * @param annotations behaviour hints; null when absent
 * @param execution execution properties; null when absent
 * @param meta reserved metadata; null when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(
    @JsonProperty("name") String name,
    @JsonProperty("title") String title,
    @JsonProperty("description") String description,
    @JsonProperty("inputSchema") Map<String, Object> inputSchema,
    @JsonProperty("outputSchema") Map<String, Object> outputSchema,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("icons") List<Icon> icons,
    @JsonProperty("annotations") ToolAnnotations annotations,
    @JsonProperty("execution") ToolExecution execution,
    @JsonProperty("_meta") Map<String, Object> meta) {

  /** Validates and copies the components. */
  public Tool {
    Objects.requireNonNull(name, "name");
    inputSchema = Wire.copy(Objects.requireNonNull(inputSchema, "inputSchema"));
    outputSchema = outputSchema == null ? null : Wire.copy(outputSchema);
    icons = icons == null ? List.of() : List.copyOf(icons);
    meta = meta == null ? null : Wire.copy(meta);
  }

  /** Starts building a tool; both arguments are required. */
  public static Builder builder(String name, Map<String, Object> inputSchema) {
    return new Builder(name, inputSchema);
  }

  /** Builds a {@link Tool}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final Map<String, Object> inputSchema;
    private String title;
    private String description;
    private Map<String, Object> outputSchema;
    private List<Icon> icons = List.of();
    private ToolAnnotations annotations;
    private ToolExecution execution;
    private Map<String, Object> meta;

    private Builder(String name, Map<String, Object> inputSchema) {
      this.name = Objects.requireNonNull(name, "name");
      this.inputSchema = Objects.requireNonNull(inputSchema, "inputSchema");
    }

    /** Sets the display name. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** Sets the description. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets the output schema. */
    public Builder outputSchema(Map<String, Object> outputSchema) {
      this.outputSchema = outputSchema;
      return this;
    }

    /** Sets the icons. */
    public Builder icons(List<Icon> icons) {
      this.icons = Objects.requireNonNull(icons, "icons");
      return this;
    }

    /** Sets the behaviour hints. */
    public Builder annotations(ToolAnnotations annotations) {
      this.annotations = annotations;
      return this;
    }

    /** Sets execution properties. */
    public Builder execution(ToolExecution execution) {
      this.execution = execution;
      return this;
    }

    /** Sets {@code _meta}. */
    public Builder meta(Map<String, Object> meta) {
      this.meta = meta;
      return this;
    }

    /** Builds the tool. */
    public Tool build() {
      return new Tool(name, title, description, inputSchema, outputSchema, icons, annotations, execution, meta);
    }
  }
}
