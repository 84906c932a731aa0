package org.mcpkit.protocol;

/** MCP method names. */
public final class McpMethods {
  /** Modern discovery. */
  public static final String SERVER_DISCOVER = "server/discover";
  /** Legacy handshake. */
  public static final String INITIALIZE = "initialize";
  /** Legacy handshake completion. */
  public static final String NOTIFICATIONS_INITIALIZED = "notifications/initialized";
  /** Legacy liveness check. */
  public static final String PING = "ping";
  /** Tools listing. */
  public static final String TOOLS_LIST = "tools/list";
  /** Tool invocation. */
  public static final String TOOLS_CALL = "tools/call";
  /** Resource listing. */
  public static final String RESOURCES_LIST = "resources/list";
  /** Resource template listing. */
  public static final String RESOURCES_TEMPLATES_LIST = "resources/templates/list";
  /** Resource read. */
  public static final String RESOURCES_READ = "resources/read";
  /** Legacy resource subscription. */
  public static final String RESOURCES_SUBSCRIBE = "resources/subscribe";
  /** Legacy resource unsubscription. */
  public static final String RESOURCES_UNSUBSCRIBE = "resources/unsubscribe";
  /** Prompt listing. */
  public static final String PROMPTS_LIST = "prompts/list";
  /** Prompt retrieval. */
  public static final String PROMPTS_GET = "prompts/get";
  /** Argument completion. */
  public static final String COMPLETION_COMPLETE = "completion/complete";
  /** Legacy session log level. */
  public static final String LOGGING_SET_LEVEL = "logging/setLevel";
  /** Modern subscription stream. */
  public static final String SUBSCRIPTIONS_LISTEN = "subscriptions/listen";
  /** Elicitation (input request or legacy server-to-client request). */
  public static final String ELICITATION_CREATE = "elicitation/create";
  /** Sampling (input request or legacy server-to-client request). */
  public static final String SAMPLING_CREATE_MESSAGE = "sampling/createMessage";
  /** Roots (input request or legacy server-to-client request). */
  public static final String ROOTS_LIST = "roots/list";

  /** Tasks extension: a task's status (and result, error or questions). */
  public static final String TASKS_GET = "tasks/get";
  /** Tasks extension: answers to a task's questions. */
  public static final String TASKS_UPDATE = "tasks/update";
  /** Tasks extension: cancels a task. */
  public static final String TASKS_CANCEL = "tasks/cancel";

  /** Skills extension: the skills a server serves. */
  public static final String SKILLS_LIST = "skills/list";
  /** Skills extension: one skill's entry, by the URI of its {@code SKILL.md}. */
  public static final String SKILLS_GET = "skills/get";
  /** Skills extension: the direct children of a directory resource. */
  public static final String RESOURCES_DIRECTORY_READ = "resources/directory/read";

  /** Cancellation notification. */
  public static final String NOTIFICATIONS_CANCELLED = "notifications/cancelled";
  /** Progress notification. */
  public static final String NOTIFICATIONS_PROGRESS = "notifications/progress";
  /** Log message notification. */
  public static final String NOTIFICATIONS_MESSAGE = "notifications/message";
  /** Subscription acknowledgement. */
  public static final String NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED =
      "notifications/subscriptions/acknowledged";
  /** Tool list changed. */
  public static final String NOTIFICATIONS_TOOLS_LIST_CHANGED = "notifications/tools/list_changed";
  /** Prompt list changed. */
  public static final String NOTIFICATIONS_PROMPTS_LIST_CHANGED =
      "notifications/prompts/list_changed";
  /** Resource list changed. */
  public static final String NOTIFICATIONS_RESOURCES_LIST_CHANGED =
      "notifications/resources/list_changed";
  /** A subscribed resource changed. */
  public static final String NOTIFICATIONS_RESOURCES_UPDATED = "notifications/resources/updated";
  /** A task's status (the tasks extension), on {@code subscriptions/listen} streams that named it. */
  public static final String NOTIFICATIONS_TASKS = "notifications/tasks";
  /** Legacy: the client's roots changed. */
  public static final String NOTIFICATIONS_ROOTS_LIST_CHANGED = "notifications/roots/list_changed";

  private McpMethods() {}
}
