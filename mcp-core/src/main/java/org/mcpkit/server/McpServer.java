package org.mcpkit.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.mcpkit.internal.dispatch.ServerConfig;
import org.mcpkit.internal.dispatch.SafeObserver;
import org.mcpkit.internal.dispatch.ServerImpl;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.observe.ServerObserver;

/**
 * An MCP server: the registries of tools, resources and prompts, and the dispatch of requests to
 * their handlers. Transports (stdio, {@link org.mcpkit.server.http.McpHttpEndpoint}) serve it.
 *
 * <p>Thread-safe. Tools, resources and prompts may be added and removed while serving; clients
 * subscribed to list changes are told. {@link #close()} stops the owned executor and ends open
 * subscription streams.
 */
public interface McpServer extends AutoCloseable {

  /** Starts building a server that describes itself as {@code serverInfo}. */
  static Builder builder(Implementation serverInfo) {
    return new Builder(serverInfo);
  }

  /** The server's self-description. */
  Implementation serverInfo();

  /** Adds or replaces a tool. */
  void addTool(ToolSpec tool);

  /** Removes a tool; returns whether it existed. */
  boolean removeTool(String name);

  /** Adds or replaces a resource. */
  void addResource(ResourceSpec resource);

  /** Removes a resource; returns whether it existed. */
  boolean removeResource(String uri);

  /** Adds or replaces a resource template. */
  void addResourceTemplate(ResourceTemplateSpec template);

  /** Removes a resource template by its template string; returns whether it existed. */
  boolean removeResourceTemplate(String uriTemplate);

  /** Adds or replaces a prompt. */
  void addPrompt(PromptSpec prompt);

  /** Removes a prompt; returns whether it existed. */
  boolean removePrompt(String name);

  /** Tells subscribers that the resource with this URI changed. */
  void notifyResourceUpdated(String uri);

  /** Ends subscription streams and stops the executor if the server owns it. Idempotent. */
  @Override
  void close();

  /**
   * Builds a {@link McpServer}. Not thread-safe; {@link #build()} copies everything, so the builder
   * may be reused.
   */
  final class Builder {
    final Implementation serverInfo;
    String instructions;
    Executor executor;
    boolean transportThreads;
    int maxConcurrentRequests = 256;
    int pageSize = 100;
    NotificationBus bus;
    RequestStateCodec requestStateCodec;
    Duration requestStateTtl = Duration.ofMinutes(10);
    Duration listCacheTtl = Duration.ofMinutes(1);
    Duration readCacheTtl = Duration.ZERO;
    Clock clock = Clock.systemUTC();
    Duration clientRequestTimeout = Duration.ofMinutes(5);
    MessageLimits messageLimits = MessageLimits.defaults();
    final List<ProtocolVersion> versions = new ArrayList<>(List.of(ProtocolVersion.values()));
    final List<ToolSpec> tools = new ArrayList<>();
    final List<ResourceSpec> resources = new ArrayList<>();
    final List<ResourceTemplateSpec> templates = new ArrayList<>();
    final List<PromptSpec> prompts = new ArrayList<>();
    CompletionHandler completion;
    final List<ServerObserver> observers = new ArrayList<>();
    org.mcpkit.server.task.TaskOptions taskOptions = org.mcpkit.server.task.TaskOptions.defaults();
    org.mcpkit.server.skill.SkillDirectory skills;
    final java.util.Map<String, java.util.Set<String>> toolScopes = new java.util.LinkedHashMap<>();
    final java.util.Map<String, java.util.Set<String>> resourceScopes = new java.util.LinkedHashMap<>();
    final java.util.Map<String, java.util.Set<String>> templateScopes = new java.util.LinkedHashMap<>();
    final java.util.Map<String, java.util.Set<String>> promptScopes = new java.util.LinkedHashMap<>();
    final java.util.Map<String, java.util.Set<String>> methodScopes = new java.util.LinkedHashMap<>();
    boolean hideUnauthorized;
    org.mcpkit.server.schema.SchemaValidatorProvider schemaValidator;

    Builder(Implementation serverInfo) {
      this.serverInfo = Objects.requireNonNull(serverInfo, "serverInfo");
    }

    /** Instructions for the model, sent in discovery and initialize results. */
    public Builder instructions(String instructions) {
      this.instructions = Objects.requireNonNull(instructions, "instructions");
      return this;
    }

    /**
     * Runs handlers on this executor, which the server never shuts down. A virtual-thread
     * executor works well on Java 21+. Default: a bounded pool the server owns.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      this.transportThreads = false;
      return this;
    }

    /**
     * Runs the handler of each HTTP request on the thread the transport serves that request on (a
     * servlet container thread, an Undertow worker thread) instead of on a separate handler
     * executor, which saves one thread handoff per call. Handlers never run on a non-blocking I/O
     * thread: a request that arrives on one moves to the transport's worker threads first. A
     * blocking handler then holds a container thread, so size the container's pool for the
     * handlers; {@link #maxConcurrentRequests} still bounds them. Calls from other transports
     * (stdio) still run on the default pool. Replaces {@link
     * #executor}.
     */
    public Builder handlersOnTransportThreads() {
      this.executor = null;
      this.transportThreads = true;
      return this;
    }

    /**
     * The most handler calls running at once (default 256); further requests are answered at
     * once with a "server busy" error.
     */
    public Builder maxConcurrentRequests(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrentRequests must be positive");
      }
      this.maxConcurrentRequests = max;
      return this;
    }

    /**
     * Bounds on the size, nesting depth and string length of every message read, on every
     * transport (default {@link MessageLimits#defaults()}).
     */
    public Builder messageLimits(MessageLimits limits) {
      this.messageLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Items per page of list results (default 100). */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be positive");
      }
      this.pageSize = pageSize;
      return this;
    }

    /** Fans change notifications out; default {@link NotificationBus#inMemory()}. */
    public Builder notificationBus(NotificationBus bus) {
      this.bus = Objects.requireNonNull(bus, "bus");
      return this;
    }

    /**
     * Seals {@code requestState} of input-required results. Default: HMAC-SHA256 with a random
     * key made at build time, which only this instance can open; give every instance of a
     * deployment the same {@link SealingKeys}.
     */
    public Builder requestStateCodec(RequestStateCodec codec) {
      this.requestStateCodec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /** How long an input-required round may take before its state expires (default 10 min). */
    public Builder requestStateTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("requestStateTtl must be positive");
      }
      this.requestStateTtl = ttl;
      return this;
    }

    /**
     * The {@code ttlMs} sent on discover and list results (default 1 minute) and on resource
     * reads (default 0). Lists are sent with {@code cacheScope:"public"}, reads with
     * {@code "private"}.
     */
    public Builder cacheTtl(Duration lists, Duration reads) {
      if (lists.isNegative() || reads.isNegative()) {
        throw new IllegalArgumentException("cache TTLs must not be negative");
      }
      this.listCacheTtl = lists;
      this.readCacheTtl = reads;
      return this;
    }

    /**
     * 2025-era clients: how long a handler waits for the client to answer a server-to-client
     * request (elicitation, sampling, roots) before the call fails (default 5 minutes).
     */
    public Builder clientRequestTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("clientRequestTimeout must be positive");
      }
      this.clientRequestTimeout = timeout;
      return this;
    }

    /** The clock for state expiry (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The protocol revisions served (default: all of {@link ProtocolVersion}). */
    public Builder protocolVersions(ProtocolVersion... versions) {
      if (versions.length == 0) {
        throw new IllegalArgumentException("at least one protocol version is required");
      }
      this.versions.clear();
      this.versions.addAll(List.of(versions));
      return this;
    }

    /** Registers a tool. */
    public Builder tool(ToolSpec tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /** Registers a typed-argument tool; see {@link ToolSpec#typed}. */
    public <A extends Record> Builder tool(
        String name, String description, Class<A> argumentType, ToolHandler<A> handler) {
      return tool(ToolSpec.typed(name, description, argumentType, handler));
    }

    /** Registers a resource. */
    public Builder resource(ResourceSpec resource) {
      resources.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /** Registers a resource template. */
    public Builder resourceTemplate(ResourceTemplateSpec template) {
      templates.add(Objects.requireNonNull(template, "template"));
      return this;
    }

    /** Registers a prompt. */
    public Builder prompt(PromptSpec prompt) {
      prompts.add(Objects.requireNonNull(prompt, "prompt"));
      return this;
    }

    /**
     * Completes arguments of references that have no completion handler of their own; declares the
     * {@code completions} capability.
     */
    public Builder completion(CompletionHandler handler) {
      this.completion = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Attaches an observer of requests (on every transport) and of the HTTP endpoint's streams,
     * sessions, keep-alives, refusals and store failures: metrics ({@code mcp-micrometer}), traces
     * ({@code mcp-opentelemetry}), log context ({@link ServerObserver#mdc()}). Several may be
     * attached; they are called in the order attached. With none attached the engine does no
     * observation work at all.
     */
    public Builder observer(ServerObserver observer) {
      observers.add(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    /**
     * How tool calls run as tasks (the tasks extension): the store, TTL, polling interval and the
     * per-principal cap. Default: {@link org.mcpkit.server.task.TaskOptions#defaults()}. Only tools
     * registered {@linkplain ToolSpec#withTaskSupport with task support} ever run as tasks.
     */
    public Builder tasks(org.mcpkit.server.task.TaskOptions options) {
      this.taskOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Serves a directory of skills through the skills extension ({@code
     * io.modelcontextprotocol/skills}, advertised to 2026-07-28 clients with {@code directoryRead}):
     * each {@code SKILL.md} becomes a listed resource (named and described by its frontmatter), the
     * other files are read through the template {@code skill://{+path}}, and {@code skills/list},
     * {@code skills/get} and {@code resources/directory/read} answer from it. Once per builder.
     */
    public Builder skills(org.mcpkit.server.skill.SkillDirectory directory) {
      Objects.requireNonNull(directory, "directory");
      if (skills != null) {
        throw new IllegalStateException("skills are already set");
      }
      skills = directory;
      ResourceHandler read =
          (ctx, uri, variables) -> directory.read(uri).orElseThrow(() -> McpException.resourceNotFound(uri));
      for (org.mcpkit.protocol.Resource manifest : directory.manifests()) {
        resource(ResourceSpec.of(manifest, read));
      }
      resourceTemplate(
          ResourceTemplateSpec.of(
              new org.mcpkit.protocol.ResourceTemplate(
                  "skill://{+path}", "skill-files", "Skill files",
                  "The files of the skills this server serves (see skills/list)", null, null, null, null),
              read));
      return this;
    }

    /**
     * Registers a tool whose calls need {@code requiredScopes} (enforced by an HTTP endpoint with a
     * {@link org.mcpkit.server.auth.ResourceServer}: a token lacking one is answered 403).
     */
    public Builder tool(ToolSpec tool, String... requiredScopes) {
      tool(tool);
      toolScopes.put(tool.tool().name(), scopes(requiredScopes));
      return this;
    }

    /** Registers a resource whose reads need {@code requiredScopes}; see {@link #tool(ToolSpec, String...)}. */
    public Builder resource(ResourceSpec resource, String... requiredScopes) {
      resource(resource);
      resourceScopes.put(resource.resource().uri(), scopes(requiredScopes));
      return this;
    }

    /** Registers a resource template whose reads need {@code requiredScopes}; see {@link #tool(ToolSpec, String...)}. */
    public Builder resourceTemplate(ResourceTemplateSpec template, String... requiredScopes) {
      resourceTemplate(template);
      templateScopes.put(template.template().uriTemplate(), scopes(requiredScopes));
      return this;
    }

    /** Registers a prompt whose gets need {@code requiredScopes}; see {@link #tool(ToolSpec, String...)}. */
    public Builder prompt(PromptSpec prompt, String... requiredScopes) {
      prompt(prompt);
      promptScopes.put(prompt.prompt().name(), scopes(requiredScopes));
      return this;
    }

    /**
     * Registers the annotated methods of {@code target} ({@link org.mcpkit.server.annotation}):
     * each {@code @McpTool}, {@code @McpResource}, {@code @McpPrompt} and {@code @McpCompletion}
     * method of its class and superclasses becomes a tool, resource (or resource template) or
     * prompt, with the scopes its annotation declares. The annotations are read once, here; calls
     * go through method handles bound now, with no reflection per call.
     *
     * @throws IllegalArgumentException naming {@code Class#method} for any annotation error: a
     *     non-public method, a duplicate name (also against what is already registered), an
     *     unsupported parameter or return type, two {@code RequestContext} parameters, template
     *     variables that do not match the parameters, a completion of an unknown argument, an
     *     invalid scope; or when the class has no annotated method
     */
    public Builder annotated(Object target) {
      org.mcpkit.internal.annotation.AnnotatedMethods.Registrations found =
          org.mcpkit.internal.annotation.AnnotatedMethods.scan(
              Objects.requireNonNull(target, "target"), tools, resources, templates, prompts);
      // scopes first: a bad scope leaves the builder as it was
      for (var t : found.tools()) {
        scopesOf(t.source(), t.scopes());
      }
      for (var r : found.resources()) {
        scopesOf(r.source(), r.scopes());
      }
      for (var t : found.templates()) {
        scopesOf(t.source(), t.scopes());
      }
      for (var p : found.prompts()) {
        scopesOf(p.source(), p.scopes());
      }
      found.tools().forEach(t -> tool(t.spec(), t.scopes().toArray(String[]::new)));
      found.resources().forEach(r -> resource(r.spec(), r.scopes().toArray(String[]::new)));
      found.templates().forEach(t -> resourceTemplate(t.spec(), t.scopes().toArray(String[]::new)));
      found.prompts().forEach(p -> prompt(p.spec(), p.scopes().toArray(String[]::new)));
      return this;
    }

    private static void scopesOf(String source, List<String> requiredScopes) {
      try {
        scopes(requiredScopes.toArray(String[]::new));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
    }

    /**
     * Every request of {@code method} (e.g. {@code tools/list}) needs {@code requiredScopes}, in
     * addition to those of its tool, resource or prompt; see {@link #tool(ToolSpec, String...)}.
     */
    public Builder methodScopes(String method, String... requiredScopes) {
      methodScopes.put(Objects.requireNonNull(method, "method"), scopes(requiredScopes));
      return this;
    }

    /**
     * Leaves out of {@code tools/list}, {@code resources/list}, {@code resources/templates/list} and
     * {@code prompts/list} what the request's access token lacks the scopes to call. Off by default
     * (lists show everything; calls are still refused).
     */
    public Builder hideUnauthorizedFeatures() {
      this.hideUnauthorized = true;
      return this;
    }

    /**
     * Checks the arguments of tools registered with a raw input schema with this validator
     * (for example {@code SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT)}, or the
     * {@code mcp-json-schema} module's). Without this call the one provider found by {@link
     * java.util.ServiceLoader} is used, else {@link
     * org.mcpkit.server.schema.SchemaValidatorProvider#builtIn()}; see {@link
     * org.mcpkit.server.schema.SchemaValidatorProvider} for the precedence. Schemas are compiled
     * when the tools are registered: {@link #build()} and {@link McpServer#addTool} throw {@link
     * IllegalArgumentException} naming the tool for a schema the validator refuses.
     *
     * @since 0.1
     */
    public Builder schemaValidator(org.mcpkit.server.schema.SchemaValidatorProvider provider) {
      this.schemaValidator = Objects.requireNonNull(provider, "provider");
      return this;
    }

    private static java.util.Set<String> scopes(String... scopes) {
      java.util.Set<String> out = new java.util.LinkedHashSet<>();
      for (String s : scopes) {
        if (Objects.requireNonNull(s, "scope").isEmpty() || s.chars().anyMatch(c -> c < 0x21 || c > 0x7e || c == '"' || c == '\\')) {
          throw new IllegalArgumentException("invalid scope: " + s);
        }
        out.add(s);
      }
      return out;
    }

    /**
     * Builds the server. No threads start until the first request. Throws {@link
     * IllegalArgumentException} when a tool's input schema is refused by the schema validator, and
     * {@link IllegalStateException} when none was chosen and several are on the class path.
     */
    public McpServer build() {
      RequestStateCodec codec =
          requestStateCodec != null
              ? requestStateCodec
              : RequestStateCodec.hmacSha256(SealingKeys.generate());
      return new ServerImpl(
          new ServerConfig(
              serverInfo,
              instructions,
              executor,
              transportThreads,
              maxConcurrentRequests,
              pageSize,
              bus != null ? bus : NotificationBus.inMemory(),
              bus == null,
              codec,
              requestStateTtl,
              listCacheTtl,
              readCacheTtl,
              clock,
              clientRequestTimeout,
              List.copyOf(versions),
              List.copyOf(tools),
              List.copyOf(resources),
              List.copyOf(templates),
              List.copyOf(prompts),
              completion,
              messageLimits,
              // each guarded on its own: one failing observer never keeps the others from hearing
              ServerObserver.composite(observers.stream().map(SafeObserver::of).toList()),
              new org.mcpkit.internal.dispatch.ScopeRules(
                  toolScopes, resourceScopes, templateScopes, promptScopes, methodScopes, hideUnauthorized)),
          taskOptions,
          org.mcpkit.internal.schema.SchemaProviders.select(schemaValidator),
          skills);
    }
  }
}
