package org.mcpkit.examples.conformance;

import static org.mcpkit.examples.conformance.ToolSupport.NAME_SCHEMA;
import static org.mcpkit.examples.conformance.ToolSupport.askName;
import static org.mcpkit.examples.conformance.ToolSupport.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcpkit.jsonrpc.JsonRpcError;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.server.InputResponses;
import org.mcpkit.server.McpException;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.RequestContext;
import org.mcpkit.server.task.TaskSupport;

/**
 * The fixtures of the tasks extension's scenarios: a plain tool ({@code greet}), tools that run as
 * tasks when the client declares the extension (a cancellable computation, a protocol failure,
 * questions asked inside the task), tools that require a task (a tool error, a question asked
 * before the task starts).
 */
final class TaskTools {
  private static final Map<String, Object> CONFIRM_SCHEMA =
      Map.of("type", "object", "properties", Map.of("confirm", Map.of("type", "boolean")));

  private TaskTools() {}

  /** Registers the tools, in the order tools/list shows them. */
  static void register(McpServer.Builder b) {
    b.tool(
        tool(
            "greet",
            "Greets by name (never a task)",
            NAME_SCHEMA,
            (ctx, args) -> CallToolResult.text("Hello, " + args.get("name") + "!")));
    Map<String, Object> computeSchema =
        Map.of(
            "type", "object",
            "properties",
                Map.of(
                    "seconds", Map.of("type", "number", "minimum", 0, "maximum", 600),
                    "label", Map.of("type", "string")));
    b.tool(
        tool(
                "slow_compute",
                "Works for the given number of seconds, reporting progress; a task when the client allows",
                computeSchema,
                (ctx, args) -> {
                  double seconds = args.get("seconds") instanceof Number n ? n.doubleValue() : 0;
                  Object label = args.getOrDefault("label", "job");
                  work(ctx, seconds);
                  return CallToolResult.text("Computed " + label + " in " + seconds + "s");
                })
            .withTaskSupport(TaskSupport.OPTIONAL));
    b.tool(
        tool(
                "failing_job",
                "Always a task; ends after a second with a tool error",
                (ctx, args) -> {
                  work(ctx, 1);
                  return CallToolResult.error("The job failed: the input data set is empty");
                })
            .withTaskSupport(TaskSupport.REQUIRED));
    b.tool(
        tool(
                "protocol_error_job",
                "A task when the client allows; ends with a JSON-RPC error",
                (ctx, args) -> {
                  throw new McpException(JsonRpcError.of(JsonRpcErrorCodes.INTERNAL_ERROR, "The job crashed"));
                })
            .withTaskSupport(TaskSupport.OPTIONAL));
    b.tool(
        tool(
                "confirm_delete",
                "Asks the user to confirm inside the task, then deletes (pretends to)",
                ToolSupport.stringArg("filename", "The file to delete"),
                (ctx, args) -> {
                  Object file = args.get("filename");
                  ElicitResult answer =
                      ctx.elicit("confirm", ElicitRequest.form("Delete " + file + "?", CONFIRM_SCHEMA));
                  boolean yes = answer.accepted();
                  return CallToolResult.text((yes ? "Deleted " : "Kept ") + file);
                })
            .withTaskSupport(TaskSupport.OPTIONAL));
    b.tool(
        tool(
                "multi_input",
                "Asks two questions at once inside the task",
                (ctx, args) -> {
                  Map<String, InputRequest> asks = new LinkedHashMap<>();
                  asks.put("first", InputRequest.elicit(ElicitRequest.form("First answer?", NAME_SCHEMA)));
                  asks.put("second", InputRequest.elicit(ElicitRequest.form("Second answer?", NAME_SCHEMA)));
                  InputResponses got = ctx.inputs(asks);
                  return CallToolResult.text(
                      "Answers: " + List.of(got.elicitation("first").action(), got.elicitation("second").action()));
                })
            .withTaskSupport(TaskSupport.OPTIONAL));
    b.tool(
        tool(
                "test_tool_with_task",
                "Asks for the user's name first, then greets in a task",
                (ctx, args) -> CallToolResult.text("Hello, " + askName(ctx).content().get("name") + "!"))
            .withTaskSupport(TaskSupport.REQUIRED)
            .withIntake(
                Map.of("user_name", InputRequest.elicit(ElicitRequest.form("What is your name?", NAME_SCHEMA)))));
  }

  /** Works for {@code seconds}, in steps of 100 ms, reporting progress; stops when cancelled. */
  private static void work(RequestContext ctx, double seconds) throws InterruptedException {
    long steps = Math.round(seconds * 10);
    for (long i = 1; i <= steps && !ctx.isCancelled(); i++) {
      Thread.sleep(100);
      if (i % 10 == 0) {
        ctx.progress(i / 10.0, seconds, "Worked " + (i / 10) + "s of " + seconds + "s");
      }
    }
  }
}
