package org.mcpkit.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code mcp.*} settings of the auto-configured server, endpoint and servlet. Every default is
 * the core's default ({@link HttpEndpointOptions#defaults()}, {@code McpServer.Builder}), so an
 * application that sets nothing gets what a plain mcpkit server gets, served at {@code /mcp}.
 *
 * <p>The values are checked when they are bound: a bad one stops the application at start-up with
 * a message that names the property (for example {@code mcp.keep-alive must not be negative, got
 * -PT1S}). The checks are in {@link #validate}; Spring Boot calls it because this class is its own
 * {@link Validator}, so no Bean Validation provider is needed.
 */
@ConfigurationProperties(prefix = "mcp")
public class McpProperties implements Validator {
  private boolean enabled = true;
  private String path = "/mcp";
  private String serverName = "";
  private String serverVersion = "1.0.0";
  private String instructions = "";
  private List<String> allowedOrigins = new ArrayList<>();
  private List<String> allowedHosts = new ArrayList<>();
  private DataSize maxBodySize = DataSize.ofMegabytes(4);
  private Duration keepAlive = Duration.ofSeconds(15);
  private HttpEndpointOptions.ResponseMode responseMode = HttpEndpointOptions.ResponseMode.AUTO;
  private int maxQueuedEvents = 1024;
  private Duration streamAfter = Duration.ofMillis(500);
  private Duration maxStreamAge = Duration.ofMinutes(10);
  private Duration sseRetry = Duration.ofSeconds(3);
  private Duration asyncTimeout = Duration.ofHours(1);
  private Duration drainTimeout = Duration.ofSeconds(10);
  private int maxConcurrentRequests = 256;
  private int pageSize = 100;
  private Duration clientRequestTimeout = Duration.ofMinutes(5);
  private final Session session = new Session();
  private final HttpSse httpSse = new HttpSse();
  private final Metrics metrics = new Metrics();

  /** Creates the defaults; Spring Boot then binds the {@code mcp.*} properties onto it. */
  public McpProperties() {}

  /** Whether the MCP server is served at all ({@code mcp.enabled}, default true). */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets {@code mcp.enabled}. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The servlet mapping of the endpoint, below the context path ({@code mcp.path}, default {@code /mcp}). */
  public String getPath() {
    return path;
  }

  /** Sets {@code mcp.path}. */
  public void setPath(String path) {
    this.path = path;
  }

  /** {@code serverInfo.name} ({@code mcp.server-name}); empty means {@code spring.application.name}, else {@code mcpkit-server}. */
  public String getServerName() {
    return serverName;
  }

  /** Sets {@code mcp.server-name}. */
  public void setServerName(String serverName) {
    this.serverName = serverName;
  }

  /** {@code serverInfo.version} ({@code mcp.server-version}, default {@code 1.0.0}). */
  public String getServerVersion() {
    return serverVersion;
  }

  /** Sets {@code mcp.server-version}. */
  public void setServerVersion(String serverVersion) {
    this.serverVersion = serverVersion;
  }

  /** Instructions for the model ({@code mcp.instructions}); empty sends none. */
  public String getInstructions() {
    return instructions;
  }

  /** Sets {@code mcp.instructions}. */
  public void setInstructions(String instructions) {
    this.instructions = instructions;
  }

  /**
   * Allowed {@code Origin} values ({@code mcp.allowed-origins}): empty (the default) allows
   * localhost origins only; {@code *} alone allows any (only with authentication on every request).
   */
  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  /** Sets {@code mcp.allowed-origins}. */
  public void setAllowedOrigins(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  /**
   * Allowed {@code Host} values, {@code host} or {@code host:port} ({@code mcp.allowed-hosts}):
   * empty (the default) follows {@code server.address} as {@link
   * HttpEndpointOptions#forBindAddress} does (loopback names on a loopback address, any Host
   * otherwise); {@code *} alone allows any.
   */
  public List<String> getAllowedHosts() {
    return allowedHosts;
  }

  /** Sets {@code mcp.allowed-hosts}. */
  public void setAllowedHosts(List<String> allowedHosts) {
    this.allowedHosts = allowedHosts;
  }

  /** Largest request body ({@code mcp.max-body-size}, default 4MB); larger ones get 413. */
  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  /** Sets {@code mcp.max-body-size}. */
  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  /** Keep-alive comment interval on SSE streams ({@code mcp.keep-alive}, default 15s; 0 turns them off). */
  public Duration getKeepAlive() {
    return keepAlive;
  }

  /** Sets {@code mcp.keep-alive}. */
  public void setKeepAlive(Duration keepAlive) {
    this.keepAlive = keepAlive;
  }

  /** When answers use SSE ({@code mcp.response-mode}: {@code auto}, {@code always-sse}, {@code always-json}). */
  public HttpEndpointOptions.ResponseMode getResponseMode() {
    return responseMode;
  }

  /** Sets {@code mcp.response-mode}. */
  public void setResponseMode(HttpEndpointOptions.ResponseMode responseMode) {
    this.responseMode = responseMode;
  }

  /** Events one stream may queue for a slow reader ({@code mcp.max-queued-events}, default 1024). */
  public int getMaxQueuedEvents() {
    return maxQueuedEvents;
  }

  /** Sets {@code mcp.max-queued-events}. */
  public void setMaxQueuedEvents(int maxQueuedEvents) {
    this.maxQueuedEvents = maxQueuedEvents;
  }

  /** A request still running after this long is answered with SSE ({@code mcp.stream-after}, default 500ms). */
  public Duration getStreamAfter() {
    return streamAfter;
  }

  /** Sets {@code mcp.stream-after}. */
  public void setStreamAfter(Duration streamAfter) {
    this.streamAfter = streamAfter;
  }

  /** Longest life of a subscription or session stream ({@code mcp.max-stream-age}, default 10m; 0 = no limit). */
  public Duration getMaxStreamAge() {
    return maxStreamAge;
  }

  /** Sets {@code mcp.max-stream-age}. */
  public void setMaxStreamAge(Duration maxStreamAge) {
    this.maxStreamAge = maxStreamAge;
  }

  /** The SSE {@code retry:} hint ({@code mcp.sse-retry}, default 3s). */
  public Duration getSseRetry() {
    return sseRetry;
  }

  /** Sets {@code mcp.sse-retry}. */
  public void setSseRetry(Duration sseRetry) {
    this.sseRetry = sseRetry;
  }

  /** Longest any response stays open before the container ends it ({@code mcp.async-timeout}, default 1h). */
  public Duration getAsyncTimeout() {
    return asyncTimeout;
  }

  /** Sets {@code mcp.async-timeout}. */
  public void setAsyncTimeout(Duration asyncTimeout) {
    this.asyncTimeout = asyncTimeout;
  }

  /**
   * How long shutdown waits for in-flight calls after streams are ended ({@code mcp.drain-timeout},
   * default 10s); the drain runs before the web server's own graceful shutdown.
   */
  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  /** Sets {@code mcp.drain-timeout}. */
  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  /** Calls handled at once ({@code mcp.max-concurrent-requests}, default 256). */
  public int getMaxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /** Sets {@code mcp.max-concurrent-requests}. */
  public void setMaxConcurrentRequests(int maxConcurrentRequests) {
    this.maxConcurrentRequests = maxConcurrentRequests;
  }

  /** Items per page of list results ({@code mcp.page-size}, default 100). */
  public int getPageSize() {
    return pageSize;
  }

  /** Sets {@code mcp.page-size}. */
  public void setPageSize(int pageSize) {
    this.pageSize = pageSize;
  }

  /** How long a request to the client (sampling, elicitation) may wait ({@code mcp.client-request-timeout}, default 5m). */
  public Duration getClientRequestTimeout() {
    return clientRequestTimeout;
  }

  /** Sets {@code mcp.client-request-timeout}. */
  public void setClientRequestTimeout(Duration clientRequestTimeout) {
    this.clientRequestTimeout = clientRequestTimeout;
  }

  /** The 2025-era session settings ({@code mcp.session.*}). */
  public Session getSession() {
    return session;
  }

  /** The deprecated HTTP+SSE transport ({@code mcp.http-sse.*}). */
  public HttpSse getHttpSse() {
    return httpSse;
  }

  /** Metrics ({@code mcp.metrics.*}). */
  public Metrics getMetrics() {
    return metrics;
  }

  /** 2025-era sessions ({@code mcp.session.*}). */
  public static class Session {
    private Duration idleTimeout = Duration.ofMinutes(30);
    private int maxSessions = 10_000;
    private boolean acceptUnknownIds;

    /** The defaults. */
    public Session() {}

    /** Idle lifetime of a session ({@code mcp.session.idle-timeout}, default 30m). */
    public Duration getIdleTimeout() {
      return idleTimeout;
    }

    /** Sets {@code mcp.session.idle-timeout}. */
    public void setIdleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
    }

    /** Most sessions held at once ({@code mcp.session.max-sessions}, default 10000). */
    public int getMaxSessions() {
      return maxSessions;
    }

    /** Sets {@code mcp.session.max-sessions}. */
    public void setMaxSessions(int maxSessions) {
      this.maxSessions = maxSessions;
    }

    /**
     * Serve requests with a session id this deployment never issued as sessionless ones instead
     * of 404 ({@code mcp.session.accept-unknown-ids}, default false).
     */
    public boolean isAcceptUnknownIds() {
      return acceptUnknownIds;
    }

    /** Sets {@code mcp.session.accept-unknown-ids}. */
    public void setAcceptUnknownIds(boolean acceptUnknownIds) {
      this.acceptUnknownIds = acceptUnknownIds;
    }
  }

  /**
   * The deprecated HTTP+SSE transport (2024-11-05): set both paths (below the context path) to
   * serve it; the servlet is then mapped to them as well.
   */
  public static class HttpSse {
    private String ssePath = "";
    private String messagePath = "";

    /** Off. */
    public HttpSse() {}

    /** The GET stream's path ({@code mcp.http-sse.sse-path}). */
    public String getSsePath() {
      return ssePath;
    }

    /** Sets {@code mcp.http-sse.sse-path}. */
    public void setSsePath(String ssePath) {
      this.ssePath = ssePath;
    }

    /** The POST path ({@code mcp.http-sse.message-path}). */
    public String getMessagePath() {
      return messagePath;
    }

    /** Sets {@code mcp.http-sse.message-path}. */
    public void setMessagePath(String messagePath) {
      this.messagePath = messagePath;
    }

    /** Whether both paths are set. */
    public boolean isEnabled() {
      return !ssePath.isEmpty() && !messagePath.isEmpty();
    }
  }

  /** Metrics through {@code mcp-micrometer} ({@code mcp.metrics.*}). */
  public static class Metrics {
    private boolean enabled = true;

    /** On. */
    public Metrics() {}

    /** Whether the Micrometer observer is attached when a {@code MeterRegistry} exists ({@code mcp.metrics.enabled}). */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@code mcp.metrics.enabled}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  @Override
  public boolean supports(Class<?> type) {
    return McpProperties.class.isAssignableFrom(type);
  }

  @Override
  public void validate(Object target, Errors errors) {
    PropertyChecks.check((McpProperties) target, errors);
  }
}
