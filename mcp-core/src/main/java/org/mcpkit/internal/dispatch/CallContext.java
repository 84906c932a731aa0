package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.jsonrpc.JsonRpcNotification;
import org.mcpkit.jsonrpc.RequestId;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.CreateMessageRequest;
import org.mcpkit.protocol.CreateMessageResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.ElicitationCapability;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.InputRequest;
import org.mcpkit.protocol.ListRootsResult;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.McpMethods;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.RootsCapability;
import org.mcpkit.protocol.SamplingCapability;
import org.mcpkit.server.InputResponses;
import org.mcpkit.server.McpException;
import org.mcpkit.server.RequestContext;

/**
 * The {@link RequestContext} of one call. For modern requests, input comes from the answers the
 * client sent with its retry (plus those sealed in {@code requestState}); missing input ends the
 * call with an input-required result.
 */
class CallContext implements RequestContext {
  private final RequestId id;
  private final String method;
  private final ProtocolVersion version;
  private final ClientCapabilities capabilities;
  private final Implementation clientInfo;
  private final Principal principal;
  private final Map<String, Object> meta;
  private final LoggingLevel logLevel;
  private final Object progressToken;
  private final GuardedSink sink;
  private final CallImpl call;
  private final ObjectMapper mapper;
  private final boolean inputAllowed;
  private final Map<String, Object> answers;
  private final SessionChannel legacy;
  private final Map<String, InputRequest> missing = new LinkedHashMap<>();
  private double lastProgress = Double.NEGATIVE_INFINITY;

  CallContext(
      RequestId id,
      String method,
      ProtocolVersion version,
      ClientCapabilities capabilities,
      Implementation clientInfo,
      Principal principal,
      Map<String, Object> meta,
      LoggingLevel logLevel,
      Object progressToken,
      GuardedSink sink,
      CallImpl call,
      ObjectMapper mapper,
      Map<String, Object> answers,
      SessionChannel legacy) {
    this.id = id;
    this.method = method;
    this.version = version;
    this.capabilities = capabilities;
    this.clientInfo = clientInfo;
    this.principal = principal;
    this.meta = meta;
    this.logLevel = logLevel;
    this.progressToken = progressToken;
    this.sink = sink;
    this.call = call;
    this.mapper = mapper;
    this.answers = answers;
    this.legacy = legacy;
    this.inputAllowed =
        McpMethods.TOOLS_CALL.equals(method)
            || McpMethods.RESOURCES_READ.equals(method)
            || McpMethods.PROMPTS_GET.equals(method);
  }

  @Override
  public RequestId requestId() {
    return id;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public ProtocolVersion protocolVersion() {
    return version;
  }

  @Override
  public ClientCapabilities clientCapabilities() {
    return capabilities;
  }

  @Override
  public Optional<Implementation> clientInfo() {
    return Optional.ofNullable(clientInfo);
  }

  @Override
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  @Override
  public Map<String, Object> meta() {
    return meta;
  }

  @Override
  public boolean isCancelled() {
    return call.isCancelled();
  }

  @Override
  public synchronized void progress(double progress, Double total, String message) {
    if (progressToken == null || !(progress > lastProgress)) {
      return;
    }
    lastProgress = progress;
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("progressToken", progressToken);
    params.put("progress", progress);
    if (total != null) {
      params.put("total", total);
    }
    if (message != null && (version == null || RevisionShaping.progressMessage(version))) {
      params.put("message", message);
    }
    sink.notification(new JsonRpcNotification(McpMethods.NOTIFICATIONS_PROGRESS, params));
  }

  @Override
  public void log(LoggingLevel level, String logger, Object data) {
    Objects.requireNonNull(level, "level");
    LoggingLevel min = legacy != null ? legacy.session().logLevel() : logLevel;
    if (legacy == null ? min == null || !level.isAtLeast(min) : min != null && !level.isAtLeast(min)) {
      return;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("level", mapper.convertValue(level, String.class));
    if (logger != null) {
      params.put("logger", logger);
    }
    params.put("data", data);
    sink.notification(new JsonRpcNotification(McpMethods.NOTIFICATIONS_MESSAGE, params));
  }

  @Override
  public void closeStream() {
    if (legacy != null) {
      sink.closeStream();
    }
  }

  @Override
  public ElicitResult elicit(String key, ElicitRequest request) {
    Objects.requireNonNull(request, "request");
    return resolve(key, InputRequest.elicit(request), ElicitResult.class);
  }

  @Override
  public CreateMessageResult sample(String key, CreateMessageRequest request) {
    Objects.requireNonNull(request, "request");
    return resolve(key, InputRequest.sample(request), CreateMessageResult.class);
  }

  @Override
  public ListRootsResult roots(String key) {
    return resolve(key, InputRequest.roots(), ListRootsResult.class);
  }

  @Override
  public InputResponses inputs(Map<String, InputRequest> requests) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("requests must not be empty");
    }
    checkInputAllowed();
    Map<String, Object> found = new LinkedHashMap<>();
    if (legacy != null) {
      for (Map.Entry<String, InputRequest> e : requests.entrySet()) {
        checkCapability(e.getValue());
      }
      for (Map.Entry<String, InputRequest> e : requests.entrySet()) {
        Object answer = ask(e.getValue());
        convert(e.getKey(), answer, resultType(e.getValue()));
        found.put(e.getKey(), answer);
      }
      return new TypedInputResponses(found, mapper);
    }
    boolean complete = true;
    for (Map.Entry<String, InputRequest> e : requests.entrySet()) {
      checkCapability(e.getValue());
      Object answer = answers.get(e.getKey());
      if (answer == null) {
        complete = false;
        recordMissing(e.getKey(), e.getValue());
      } else {
        convert(e.getKey(), answer, resultType(e.getValue()));
        found.put(e.getKey(), answer);
      }
    }
    if (!complete) {
      throw new InputRequiredSignal();
    }
    return new TypedInputResponses(found, mapper);
  }

  private <T> T resolve(String key, InputRequest request, Class<T> type) {
    Objects.requireNonNull(key, "key");
    checkInputAllowed();
    checkCapability(request);
    if (legacy != null) {
      return convert(key, ask(request), type);
    }
    Object answer = answers.get(key);
    if (answer != null) {
      return convert(key, answer, type);
    }
    recordMissing(key, request);
    throw new InputRequiredSignal();
  }

  private Object ask(InputRequest request) {
    try {
      return legacy.request(request.method(), request.params());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("cancelled while waiting for the client");
    }
  }

  private synchronized void recordMissing(String key, InputRequest request) {
    missing.put(key, request);
  }

  /** The inputs asked for but not answered; empty when the call may complete. */
  synchronized Map<String, InputRequest> missingInputs() {
    return new LinkedHashMap<>(missing);
  }

  /** Every answer this round knows (earlier rounds and this one). */
  Map<String, Object> answers() {
    return answers;
  }

  private <T> T convert(String key, Object answer, Class<T> type) {
    try {
      return mapper.convertValue(answer, type);
    } catch (IllegalArgumentException e) {
      throw McpException.invalidParams("Invalid params: malformed input response '" + key + "'");
    }
  }

  private static Class<?> resultType(InputRequest request) {
    switch (request.method()) {
      case McpMethods.ELICITATION_CREATE:
        return ElicitResult.class;
      case McpMethods.SAMPLING_CREATE_MESSAGE:
        return CreateMessageResult.class;
      default:
        return ListRootsResult.class;
    }
  }

  private void checkInputAllowed() {
    if (!inputAllowed) {
      throw new IllegalStateException(
          "Input can only be requested from tools/call, resources/read and prompts/get handlers");
    }
  }

  private void checkCapability(InputRequest request) {
    switch (request.method()) {
      case McpMethods.ELICITATION_CREATE: {
        ElicitRequest elicit = (ElicitRequest) request.params();
        boolean url = "url".equals(elicit.mode());
        if (url ? !capabilities.hasElicitationUrl() : !capabilities.hasElicitationForm()) {
          Map<String, Object> mode = Map.of();
          ElicitationCapability needed =
              url ? new ElicitationCapability(null, mode) : new ElicitationCapability(mode, null);
          throw McpException.missingCapability(
              new ClientCapabilities(null, null, null, needed, null));
        }
        break;
      }
      case McpMethods.SAMPLING_CREATE_MESSAGE: {
        CreateMessageRequest sample = (CreateMessageRequest) request.params();
        boolean tools = !sample.tools().isEmpty();
        if (!capabilities.hasSampling() || (tools && !capabilities.hasSamplingTools())) {
          SamplingCapability needed = new SamplingCapability(null, tools ? Map.of() : null);
          throw McpException.missingCapability(
              new ClientCapabilities(null, null, needed, null, null));
        }
        break;
      }
      case McpMethods.ROOTS_LIST:
        if (!capabilities.hasRoots()) {
          throw McpException.missingCapability(
              new ClientCapabilities(null, new RootsCapability(null), null, null, null));
        }
        break;
      default:
        throw new IllegalArgumentException("Unsupported input request: " + request.method());
    }
  }
}
