package org.mcpkit.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Which notifications a subscription wants.
 *
 * @param toolsListChanged tool list changes; null when absent
 * @param promptsListChanged prompt list changes; null when absent
 * @param resourcesListChanged resource list changes; null when absent
 * @param resourceSubscriptions URIs whose updates are wanted; empty when absent
 * @param taskIds tasks whose status notifications ({@code notifications/tasks}, the tasks
 *     extension) are wanted; empty when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionFilter(
    @JsonProperty("toolsListChanged") Boolean toolsListChanged,
    @JsonProperty("promptsListChanged") Boolean promptsListChanged,
    @JsonProperty("resourcesListChanged") Boolean resourcesListChanged,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("resourceSubscriptions") List<String> resourceSubscriptions,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("taskIds") List<String> taskIds) {

  /** Validates and copies the components. */
  public SubscriptionFilter {
    resourceSubscriptions = resourceSubscriptions == null ? List.of() : List.copyOf(resourceSubscriptions);
    taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
  }

  /** A filter without task ids. */
  public SubscriptionFilter(
      Boolean toolsListChanged, Boolean promptsListChanged, Boolean resourcesListChanged, List<String> resourceSubscriptions) {
    this(toolsListChanged, promptsListChanged, resourcesListChanged, resourceSubscriptions, null);
  }
}
