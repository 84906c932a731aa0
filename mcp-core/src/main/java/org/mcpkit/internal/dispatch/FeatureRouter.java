package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.internal.json.ClientText;
import org.mcpkit.internal.schema.BoundToolHandler;
import org.mcpkit.jsonrpc.JsonRpcRequest;
import org.mcpkit.protocol.CallToolRequest;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.CompleteRequest;
import org.mcpkit.protocol.CompleteResult;
import org.mcpkit.protocol.DiscoverResult;
import org.mcpkit.protocol.GetPromptRequest;
import org.mcpkit.protocol.GetPromptResult;
import org.mcpkit.protocol.ListPromptsResult;
import org.mcpkit.protocol.ListResourceTemplatesResult;
import org.mcpkit.protocol.ListResourcesResult;
import org.mcpkit.protocol.ListToolsResult;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.PaginatedRequest;
import org.mcpkit.protocol.Prompt;
import org.mcpkit.protocol.PromptArgument;
import org.mcpkit.protocol.PromptReference;
import org.mcpkit.protocol.ReadResourceRequest;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.ResourceTemplate;
import org.mcpkit.protocol.ResourceTemplateReference;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.CompletionHandler;
import org.mcpkit.server.McpException;
import org.mcpkit.server.PromptSpec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ResourceTemplateSpec;
import org.mcpkit.server.ToolSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes an admitted feature request of either era to its handler and shapes its result: discover
 * and the four lists (paged), {@code tools/call}, {@code resources/read}, {@code prompts/get} and
 * {@code completion/complete}. Runs on a handler thread; thread-safe.
 */
final class FeatureRouter {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureRouter.class);
  private final ServerConfig config;
  private final Catalog catalog;
  private final Envelopes envelopes;
  private final ObjectMapper mapper;
  private final List<String> versionIds;
  /** The tasks extension: runs task calls and answers the tasks methods. */
  private final TaskRunner tasks;
  private final TaskMethods taskMethods;
  /** The experimental tasks of 2025-11-25 sessions. */
  private final LegacyTasks legacyTasks;
  /** The skills extension's methods; null when the server serves no skills. */
  private final SkillMethods skillMethods;

  FeatureRouter(
      ServerConfig config, Catalog catalog, Envelopes envelopes, ObjectMapper mapper, List<String> versionIds, TaskRunner tasks) {
    this.config = config;
    this.catalog = catalog;
    this.envelopes = envelopes;
    this.mapper = mapper;
    this.versionIds = versionIds;
    this.tasks = tasks;
    this.taskMethods = new TaskMethods(tasks, envelopes, mapper);
    this.legacyTasks = new LegacyTasks(tasks, config, catalog);
    this.skillMethods =
        catalog.skills() == null ? null : new SkillMethods(catalog.skills(), envelopes, mapper, config.pageSize());
  }

  /** One request being served: what the handlers of each method need. */
  record Invocation(
      JsonRpcRequest request,
      RequestMeta meta,
      Principal principal,
      GuardedSink out,
      CallImpl call,
      LegacySession session,
      org.mcpkit.server.observe.RequestObservation observation) {
    boolean modern() {
      return session == null;
    }
  }

  Object route(Invocation inv) throws Exception {
    Map<String, Object> params = inv.request().params();
    boolean modern = inv.modern();
    switch (inv.request().method()) {
      case McpMethods.SERVER_DISCOVER:
        return envelopes.complete(
            new DiscoverResult(versionIds, catalog.modernCapabilities(), config.instructions(), null), true, true, modern);
      case McpMethods.TOOLS_LIST: {
        boolean taskFields = !modern && LegacyTasks.serves(inv.meta().version(), catalog);
        Page<Tool> p =
            page(
                visible(inv, catalog.tools.values(), McpMethods.TOOLS_CALL, t -> t.tool().name())
                    .map(s -> taskFields ? LegacyTasks.listed(s) : s.tool())
                    .toList(),
                params);
        return envelopes.complete(new ListToolsResult(p.items(), p.next(), null), true, true, modern);
      }
      case McpMethods.RESOURCES_LIST: {
        Page<Resource> p = page(visible(inv, catalog.resources.values(), McpMethods.RESOURCES_READ, r -> r.resource().uri()).map(ResourceSpec::resource).toList(), params);
        return envelopes.complete(new ListResourcesResult(p.items(), p.next(), null), true, true, modern);
      }
      case McpMethods.RESOURCES_TEMPLATES_LIST: {
        Page<ResourceTemplate> p = page(visibleTemplates(inv).map(ResourceTemplateSpec::template).toList(), params);
        return envelopes.complete(new ListResourceTemplatesResult(p.items(), p.next(), null), true, true, modern);
      }
      case McpMethods.PROMPTS_LIST: {
        Page<Prompt> p = page(visible(inv, catalog.prompts.values(), McpMethods.PROMPTS_GET, s -> s.prompt().name()).map(PromptSpec::prompt).toList(), params);
        return envelopes.complete(new ListPromptsResult(p.items(), p.next(), null), true, true, modern);
      }
      case McpMethods.TOOLS_CALL:
        return callTool(inv);
      case McpMethods.RESOURCES_READ:
        return readResource(inv);
      case McpMethods.PROMPTS_GET:
        return getPrompt(inv);
      case McpMethods.COMPLETION_COMPLETE:
        return complete(inv);
      case McpMethods.TASKS_GET:
      case McpMethods.TASKS_UPDATE:
      case McpMethods.TASKS_CANCEL:
        if (modern) {
          return taskMethods.route(inv);
        }
        if (LegacyTasks.isMethod(inv.request().method()) && LegacyTasks.serves(inv.meta().version(), catalog)) {
          return legacyTasks.route(inv);
        }
        throw McpException.methodNotFound(inv.request().method());
      case LegacyTasks.TASKS_RESULT:
      case LegacyTasks.TASKS_LIST:
        if (!modern && LegacyTasks.serves(inv.meta().version(), catalog)) {
          return legacyTasks.route(inv);
        }
        throw McpException.methodNotFound(inv.request().method());
      case McpMethods.SKILLS_LIST:
      case McpMethods.SKILLS_GET:
      case McpMethods.RESOURCES_DIRECTORY_READ:
        if (modern && skillMethods != null) {
          return skillMethods.route(inv);
        }
        throw McpException.methodNotFound(inv.request().method());
      default:
        throw McpException.methodNotFound(inv.request().method());
    }
  }

  private Object callTool(Invocation inv) throws Exception {
    CallToolRequest params = callToolParams(inv.request().params());
    ToolSpec spec = catalog.tools.get(params.name());
    if (spec == null) {
      throw McpException.invalidParams("Unknown tool: " + ClientText.of(params.name()));
    }
    Map<String, Object> args = params.arguments();
    if (!(spec.handler() instanceof BoundToolHandler)) {
      List<String> problems = catalog.schemas.check(spec, args);
      if (!problems.isEmpty()) {
        return envelopes.complete(
            CallToolResult.error("Invalid arguments for tool '" + params.name() + "': " + String.join("; ", problems)),
            false,
            false,
            inv.modern());
      }
    }
    CallContext ctx = context(inv, params.name(), args, params.inputResponses(), params.requestState());
    Object asTask = TaskCalls.intakeOrTask(inv, spec, ctx, tasks, taskMethods, legacyTasks);
    if (asTask == TaskCalls.INPUT_REQUIRED) {
      return envelopes.inputRequired(inv.request(), inv.principal(), params.name(), args, ctx);
    }
    if (asTask != null) {
      return asTask;
    }
    CallToolResult result;
    try {
      result = spec.handler().call(ctx, args);
    } catch (InputRequiredSignal signal) {
      result = null;
    } catch (McpException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (ctx.missingInputs().isEmpty()) {
        LOG.error("Tool {} failed", params.name(), e);
        result = CallToolResult.error("Tool '" + params.name() + "' failed");
      } else {
        result = null;
      }
    }
    if (!ctx.missingInputs().isEmpty()) {
      return envelopes.inputRequired(inv.request(), inv.principal(), params.name(), args, ctx);
    }
    if (result == null) {
      LOG.error("Tool {} returned null", params.name());
      result = CallToolResult.error("Tool '" + params.name() + "' failed");
    }
    return envelopes.complete(result, false, false, inv.modern());
  }

  private Object readResource(Invocation inv) throws Exception {
    ReadResourceRequest params = bind(inv.request().params(), ReadResourceRequest.class);
    String uri = params.uri();
    CallContext ctx = context(inv, uri, Map.of(), params.inputResponses(), params.requestState());
    ReadResourceResult result = null;
    try {
      ResourceSpec fixed = catalog.resources.get(uri);
      if (fixed != null) {
        result = fixed.handler().read(ctx, uri, Map.of());
      } else {
        for (ResourceTemplateSpec t : catalog.templates.values()) {
          Optional<Map<String, String>> vars = t.uriTemplate().match(uri);
          if (vars.isPresent()) {
            result = t.handler().read(ctx, uri, vars.get());
            break;
          }
        }
        if (result == null && ctx.missingInputs().isEmpty()) {
          throw McpException.resourceNotFound(uri);
        }
      }
    } catch (InputRequiredSignal signal) {
      result = null;
    }
    if (!ctx.missingInputs().isEmpty()) {
      return envelopes.inputRequired(inv.request(), inv.principal(), uri, Map.of(), ctx);
    }
    if (result == null || result.contents().isEmpty()) {
      throw McpException.resourceNotFound(uri);
    }
    return envelopes.complete(result, true, false, inv.modern());
  }

  private Object getPrompt(Invocation inv) throws Exception {
    GetPromptRequest params = bind(inv.request().params(), GetPromptRequest.class);
    PromptSpec spec = catalog.prompts.get(params.name());
    if (spec == null) {
      throw McpException.invalidParams("Unknown prompt: " + ClientText.of(params.name()));
    }
    for (PromptArgument arg : spec.prompt().arguments()) {
      if (Boolean.TRUE.equals(arg.required()) && !params.arguments().containsKey(arg.name())) {
        throw McpException.invalidParams("Missing required argument: " + arg.name());
      }
    }
    Map<String, Object> args = new LinkedHashMap<>(params.arguments());
    CallContext ctx = context(inv, params.name(), args, params.inputResponses(), params.requestState());
    GetPromptResult result;
    try {
      result = spec.handler().get(ctx, params);
    } catch (InputRequiredSignal signal) {
      result = null;
    }
    if (!ctx.missingInputs().isEmpty()) {
      return envelopes.inputRequired(inv.request(), inv.principal(), params.name(), args, ctx);
    }
    if (result == null) {
      throw McpException.internalError();
    }
    return envelopes.complete(result, false, false, inv.modern());
  }

  private Object complete(Invocation inv) throws Exception {
    CompleteRequest params = bind(inv.request().params(), CompleteRequest.class);
    CompletionHandler handler = null;
    if (params.ref() instanceof PromptReference ref) {
      PromptSpec spec = catalog.prompts.get(ref.name());
      if (spec == null) {
        throw McpException.invalidParams("Unknown prompt: " + ClientText.of(ref.name()));
      }
      handler = spec.completion();
    } else if (params.ref() instanceof ResourceTemplateReference ref) {
      ResourceTemplateSpec spec = catalog.templates.get(ref.uri());
      if (spec != null) {
        handler = spec.completion();
      }
    }
    if (handler == null) {
      handler = config.completion();
    }
    CompleteResult result =
        handler == null ? CompleteResult.of(List.of()) : handler.complete(context(inv, "", Map.of(), null, null), params);
    return envelopes.complete(result, false, false, inv.modern());
  }

  /**
   * The handler's context: for a modern call, the answers sealed in {@code requestState} (opened
   * only when bound to this method, target, arguments and principal) plus those sent with the
   * retry; in a session, a channel for real server-to-client requests.
   */
  private CallContext context(
      Invocation inv, String target, Map<String, Object> args, Map<String, Object> inputResponses, String requestState) {
    JsonRpcRequest request = inv.request();
    RequestMeta meta = inv.meta();
    Principal principal = inv.principal();
    Map<String, Object> answers = new LinkedHashMap<>();
    if (requestState != null && inv.modern()) {
      MrtrState state =
          MrtrState.open(
              requestState,
              config.requestStateCodec(),
              mapper,
              request.method(),
              target,
              MrtrState.digest(mapper, args),
              MrtrState.principalDigest(principal == null ? null : principal.getName()),
              config.clock().millis());
      answers.putAll(state.answers());
    }
    if (inputResponses != null) {
      answers.putAll(inputResponses);
    }
    answers.values().removeIf(Objects::isNull);
    return new CallContext(
        request.id(),
        request.method(),
        meta.version(),
        meta.capabilities(),
        meta.clientInfo(),
        principal,
        meta.raw(),
        meta.logLevel(),
        meta.progressToken(),
        inv.out(),
        inv.call(),
        mapper,
        answers,
        inv.modern() ? null : new LegacyChannel(inv.session(), inv.out(), mapper, config.clientRequestTimeout()));
  }

  /**
   * {@code tools/call} params read straight off the decoded map (the hot path: no token buffer),
   * with the coercions {@link #bind} applies: a scalar name or state as its text; an object where
   * a string belongs, or a non-object where an object belongs, is invalid.
   */
  @SuppressWarnings("unchecked")
  private CallToolRequest callToolParams(Map<String, Object> params) {
    Object name = params.get("name");
    Object arguments = params.get("arguments");
    Object responses = params.get("inputResponses");
    Object state = params.get("requestState");
    Object meta = params.get("_meta");
    if (!isText(name) || !(state == null || isText(state)) || !isObjectOrNull(arguments) || !isObjectOrNull(responses)
        || !isObjectOrNull(meta)) {
      return bind(params, CallToolRequest.class); // the general binder's own answer for odd shapes
    }
    return new CallToolRequest(
        name.toString(),
        (Map<String, Object>) arguments,
        (Map<String, Object>) responses,
        state == null ? null : state.toString(),
        (Map<String, Object>) meta);
  }

  private static boolean isText(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  private static boolean isObjectOrNull(Object value) {
    return value == null || value instanceof Map;
  }

  private <T> T bind(Map<String, Object> params, Class<T> type) {
    try {
      return mapper.convertValue(params, type);
    } catch (IllegalArgumentException e) {
      throw McpException.invalidParams("Invalid params");
    }
  }

  private record Page<T>(List<T> items, String next) {}

  /** A registry's entries, less those the request's token may not call when the server hides them. */
  private <T> java.util.stream.Stream<T> visible(
      Invocation inv, java.util.Collection<T> all, String method, java.util.function.Function<T, String> target) {
    Optional<org.mcpkit.server.AccessToken> token = config.scopeRules().hidingFor(inv.principal());
    return token.isEmpty()
        ? all.stream()
        : all.stream().filter(e -> config.scopeRules().permits(token.get(), method, target.apply(e), catalog));
  }

  /** Templates, less those whose declared scopes the request's token lacks when the server hides them. */
  private java.util.stream.Stream<ResourceTemplateSpec> visibleTemplates(Invocation inv) {
    Optional<org.mcpkit.server.AccessToken> token = config.scopeRules().hidingFor(inv.principal());
    return token.isEmpty()
        ? catalog.templates.values().stream()
        : catalog.templates.values().stream().filter(t -> config.scopeRules().permitsTemplate(token.get(), t.template().uriTemplate()));
  }

  /** One page of a list, from the request's opaque cursor (-32602 for a bad one). */
  private <T> Page<T> page(List<T> all, Map<String, Object> params) {
    int offset = Cursors.decode(bind(params, PaginatedRequest.class).cursor());
    if (offset > all.size()) {
      throw McpException.invalidParams("Invalid params: invalid cursor");
    }
    int end = Math.min(all.size(), offset + config.pageSize());
    return new Page<>(new ArrayList<>(all.subList(offset, end)), end < all.size() ? Cursors.encode(end) : null);
  }
}
