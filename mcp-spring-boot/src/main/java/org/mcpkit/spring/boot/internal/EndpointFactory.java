package org.mcpkit.spring.boot.internal;

import java.util.List;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.auth.ResourceServer;
import org.mcpkit.server.http.EventStore;
import org.mcpkit.server.http.HostPolicy;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.server.http.OriginPolicy;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionStore;
import org.mcpkit.spring.boot.McpEndpointCustomizer;
import org.mcpkit.spring.boot.McpProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps {@link McpProperties} onto {@link HttpEndpointOptions} and creates the endpoint. */
public final class EndpointFactory {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointFactory.class);

  private EndpointFactory() {}

  /**
   * Store and bus beans; each may be null (none, or more than one, defined: the in-memory default).
   *
   * @param sessionStore the session store bean
   * @param eventStore the event store bean
   * @param sessionBus the session bus bean
   */
  public record Shared(SessionStore sessionStore, EventStore eventStore, SessionBus sessionBus) {}

  /** The endpoint for these settings; {@code resourceServer} may be null. */
  public static McpHttpEndpoint create(
      McpServer server,
      McpProperties properties,
      String bindAddress,
      String contextPath,
      Shared shared,
      ResourceServer resourceServer,
      List<McpEndpointCustomizer> customizers) {
    HttpEndpointOptions options = options(properties, bindAddress, contextPath, shared, customizers);
    return resourceServer == null
        ? McpHttpEndpoint.create(server, options)
        : McpHttpEndpoint.create(server, options, resourceServer);
  }

  /** The options: properties, then shared stores, then customizers. */
  public static HttpEndpointOptions options(
      McpProperties p, String bindAddress, String contextPath, Shared shared,
      List<McpEndpointCustomizer> customizers) {
    HttpEndpointOptions.Builder b = HttpEndpointOptions.builder()
        .maxBodyBytes((int) p.getMaxBodySize().toBytes())
        .keepAlive(p.getKeepAlive())
        .responseMode(p.getResponseMode())
        .maxQueuedEvents(p.getMaxQueuedEvents())
        .streamAfter(p.getStreamAfter())
        .maxStreamAge(p.getMaxStreamAge())
        .retryMillis(p.getSseRetry().toMillis())
        .sessionIdleTimeout(p.getSession().getIdleTimeout())
        .maxSessions(p.getSession().getMaxSessions())
        .acceptUnknownSessionIds(p.getSession().isAcceptUnknownIds())
        .originPolicy(originPolicy(p.getAllowedOrigins()))
        .hostPolicy(hostPolicy(p.getAllowedHosts(), bindAddress));
    if (p.getHttpSse().isEnabled()) {
      String context = ServletMapping.normalizedContext(contextPath);
      b.httpSse(context + p.getHttpSse().getSsePath(), context + p.getHttpSse().getMessagePath());
    }
    if (shared.sessionStore() != null) {
      b.sessionStore(shared.sessionStore());
    }
    if (shared.eventStore() != null) {
      b.eventStore(shared.eventStore());
    }
    if (shared.sessionBus() != null) {
      b.sessionBus(shared.sessionBus());
    }
    customizers.forEach(c -> c.customize(b));
    return b.build();
  }

  private static OriginPolicy originPolicy(List<String> origins) {
    if (origins.isEmpty()) {
      return OriginPolicy.localhostOnly();
    }
    if (origins.equals(List.of("*"))) {
      LOG.warn("mcp.allowed-origins=*: any web page can call this MCP server through a browser;"
          + " use it only when every request is authenticated");
      return OriginPolicy.allowAnyOrigin();
    }
    return OriginPolicy.allowList(origins.toArray(String[]::new));
  }

  private static HostPolicy hostPolicy(List<String> hosts, String bindAddress) {
    if (hosts.isEmpty()) {
      return HttpEndpointOptions.forBindAddress(bindAddress).hostPolicy();
    }
    if (hosts.equals(List.of("*"))) {
      return HostPolicy.any();
    }
    return HostPolicy.allowList(hosts.toArray(String[]::new));
  }
}
