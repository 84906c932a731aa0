package org.mcpkit.internal.dispatch;

import java.util.Map;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.server.McpException;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.task.TaskOptions;
import org.mcpkit.server.task.TaskSupport;

/**
 * Admission rules of the tasks extension for 2026-07-28 requests: {@code tasks/get}, {@code
 * tasks/update} and {@code tasks/cancel}, and calls of a tool that requires a task, need the
 * extension among the request's client capabilities (-32021 naming it). Stateless.
 */
final class TaskGate {
  /** What a refusal names as missing. */
  static final ClientCapabilities TASKS_EXTENSION =
      new ClientCapabilities(null, null, null, null, Map.of(TaskOptions.EXTENSION_ID, Map.of()));

  private TaskGate() {}

  /** Whether {@code method} is one of the extension's methods. */
  static boolean isTaskMethod(String method) {
    return McpMethods.TASKS_GET.equals(method)
        || McpMethods.TASKS_UPDATE.equals(method)
        || McpMethods.TASKS_CANCEL.equals(method);
  }

  /** The refusal of an admitted-so-far modern request, or null when the tasks rules let it pass. */
  static JsonRpcError refusal(JsonRpcRequest request, RequestMeta meta, Catalog catalog) {
    if (meta.capabilities().hasExtension(TaskOptions.EXTENSION_ID)) {
      return null;
    }
    String method = request.method();
    if (isTaskMethod(method)) {
      return McpException.missingCapability(TASKS_EXTENSION).error();
    }
    if (McpMethods.TOOLS_CALL.equals(method) && request.params().get("name") instanceof String name) {
      ToolSpec spec = catalog.tools.get(name);
      if (spec != null && spec.taskSupport() == TaskSupport.REQUIRED) {
        return McpException.missingCapability(TASKS_EXTENSION).error();
      }
    }
    return null;
  }
}
