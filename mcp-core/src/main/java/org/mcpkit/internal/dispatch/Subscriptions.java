package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mcpkit.jsonrpc.JsonRpcFailure;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.jsonrpc.JsonRpcSuccess;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.MetaKeys;
import org.mcpkit.protocol.ServerCapabilities;
import org.mcpkit.protocol.SubscriptionFilter;
import org.mcpkit.protocol.SubscriptionsListenRequest;
import org.mcpkit.server.McpException;
import org.mcpkit.server.ServerEvent;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskRecord;

/**
 * {@code subscriptions/listen} (2026-07-28): the filter a stream asked for, cut to what the server
 * advertises, acknowledged first; then the events it wants, tagged with its subscription id, until
 * the call ends. Task ids ({@code notifications.taskIds}, the tasks extension: -32021 without it)
 * are honoured for the tasks the request's principal may see; each gets its current state right
 * after the acknowledgement, then a {@code notifications/tasks} with the task as {@code tasks/get}
 * shows it whenever its status changes, on whichever instance. Thread-safe.
 */
final class Subscriptions {
  private final Catalog catalog;
  private final ServerEvents events;
  private final Canonical canonical;
  private final ObjectMapper mapper;
  private final TaskRunner tasks;

  Subscriptions(Catalog catalog, ServerEvents events, Canonical canonical, ObjectMapper mapper, TaskRunner tasks) {
    this.catalog = catalog;
    this.events = events;
    this.canonical = canonical;
    this.mapper = mapper;
    this.tasks = tasks;
  }

  /** Opens a listen stream for an admitted request; the call's sink carries its events. */
  void start(JsonRpcRequest request, RequestMeta meta, Principal principal, GuardedSink out, CallImpl call) {
    SubscriptionsListenRequest params;
    try {
      params = mapper.convertValue(request.params(), SubscriptionsListenRequest.class);
    } catch (IllegalArgumentException e) {
      out.response(new JsonRpcFailure(request.id(), McpException.invalidParams("Invalid params").error()));
      return;
    }
    ServerCapabilities caps = catalog.capabilities();
    SubscriptionFilter asked = params.notifications();
    if (!asked.taskIds().isEmpty() && !meta.capabilities().hasExtension(TaskOptions.EXTENSION_ID)) {
      out.response(new JsonRpcFailure(request.id(), McpException.missingCapability(TaskGate.TASKS_EXTENSION).error()));
      return;
    }
    String owner = TaskRunner.owner(principal);
    List<String> taskIds = new ArrayList<>();
    for (String id : new LinkedHashSet<>(asked.taskIds())) {
      if (visible(id, owner).isPresent()) {
        taskIds.add(id);
      }
    }
    SubscriptionFilter honoured =
        new SubscriptionFilter(
            caps.tools() != null && Boolean.TRUE.equals(asked.toolsListChanged()) ? true : null,
            caps.prompts() != null && Boolean.TRUE.equals(asked.promptsListChanged()) ? true : null,
            caps.resources() != null && Boolean.TRUE.equals(asked.resourcesListChanged()) ? true : null,
            caps.resources() != null ? asked.resourceSubscriptions() : List.of(),
            taskIds);
    Stream stream = new Stream(request.id(), canonical.of(honoured), out, call, owner);
    call.onEnd(stream);
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("notifications", mapper.convertValue(honoured, Map.class));
    ack.put("_meta", Map.of(MetaKeys.SUBSCRIPTION_ID, request.id().wireValue()));
    // Subscribe before acknowledging, so nothing published after the ack is missed; the sink
    // lock orders the ack before any event.
    synchronized (out) {
      events.streams().add(stream);
      if (call.isCancelled()) {
        events.streams().remove(stream); // cancelled before it was registered: onEnd already ran
      }
      out.notification(new JsonRpcNotification(McpMethods.NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED, ack));
    }
    for (String id : taskIds) {
      stream.sendTask(id); // the current state of each, then its changes
    }
  }

  /** The task, when it exists and belongs to {@code owner}. */
  private Optional<TaskRecord> visible(String taskId, String owner) {
    return tasks.store().get(taskId, tasks.now()).filter(t -> t.owner().equals(owner));
  }

  /** Ends every open stream gracefully with its listen result (server close). */
  void endAll() {
    for (Stream s : List.copyOf(events.streams())) {
      s.end();
    }
  }

  /**
   * One open listen stream; runs (leaves the open streams) when its call ends. Small, since a
   * server holds one per open stream: no listener or handle of its own.
   */
  final class Stream implements Runnable {
    private final RequestId id;
    private final SubscriptionFilter filter;
    private final GuardedSink out;
    private final CallImpl call;
    private final String owner;
    /** What was last sent per task (status and update time), so a change is sent once and never undone by an older read. */
    private Map<String, String> sent;

    Stream(RequestId id, SubscriptionFilter filter, GuardedSink out, CallImpl call, String owner) {
      this.id = id;
      this.filter = filter;
      this.out = out;
      this.call = call;
      this.owner = owner;
    }

    void deliver(ServerEvent event) {
      if (!wants(event)) {
        return;
      }
      if (event.kind() == ServerEvent.Kind.TASK_STATUS) {
        sendTask(event.taskId());
        return;
      }
      Map<String, Object> params = new LinkedHashMap<>();
      if (event.kind() == ServerEvent.Kind.RESOURCE_UPDATED) {
        params.put("uri", event.uri());
      }
      params.put("_meta", Map.of(MetaKeys.SUBSCRIPTION_ID, id.wireValue()));
      out.notification(new JsonRpcNotification(ServerEvents.method(event.kind()), params));
    }

    /**
     * Sends the task as the store has it now, unless this stream sent that state already. Read
     * and sent under the stream's lock, so a later read is never overtaken by an earlier one.
     */
    synchronized void sendTask(String taskId) {
      Optional<TaskRecord> task = visible(taskId, owner);
      if (task.isEmpty()) {
        return;
      }
      TaskRecord t = task.get();
      String state = t.status().wire() + "@" + t.lastUpdatedAt() + "#" + t.inputRequests().keySet();
      if (sent == null) {
        sent = new HashMap<>(4);
      }
      if (state.equals(sent.put(taskId, state))) {
        return;
      }
      Map<String, Object> params = TaskMethods.detailed(t);
      params.put("_meta", Map.of(MetaKeys.SUBSCRIPTION_ID, id.wireValue()));
      out.notification(new JsonRpcNotification(McpMethods.NOTIFICATIONS_TASKS, params));
    }

    private boolean wants(ServerEvent event) {
      return switch (event.kind()) {
        case TOOLS_LIST_CHANGED -> Boolean.TRUE.equals(filter.toolsListChanged());
        case PROMPTS_LIST_CHANGED -> Boolean.TRUE.equals(filter.promptsListChanged());
        case RESOURCES_LIST_CHANGED -> Boolean.TRUE.equals(filter.resourcesListChanged());
        case RESOURCE_UPDATED -> ServerEvents.under(filter.resourceSubscriptions(), event.uri());
        case TASK_STATUS -> filter.taskIds().contains(event.taskId());
      };
    }

    @Override
    public void run() {
      events.streams().remove(this);
    }

    /** Ends the stream gracefully with the listen result. */
    void end() {
      ObjectNode result = mapper.createObjectNode();
      result.put("resultType", "complete");
      ObjectNode meta = result.putObject("_meta");
      meta.set(MetaKeys.SUBSCRIPTION_ID, mapper.valueToTree(id.wireValue()));
      out.response(new JsonRpcSuccess(id, result));
      call.cancel();
    }
  }
}
