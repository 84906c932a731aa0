package org.mcpkit.spring.boot;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.validation.Errors;

/** The checks behind {@link McpProperties#validate}: each message names the property and the value. */
final class PropertyChecks {
  private static final String CODE = "mcp.invalid";

  private PropertyChecks() {}

  static void check(McpProperties p, Errors errors) {
    path(errors, "path", "mcp.path", p.getPath());
    if (p.getServerVersion() == null || p.getServerVersion().isBlank()) {
      reject(errors, "serverVersion", "mcp.server-version must not be blank");
    }
    origins(errors, p.getAllowedOrigins());
    hosts(errors, p.getAllowedHosts());
    long body = p.getMaxBodySize() == null ? -1 : p.getMaxBodySize().toBytes();
    if (body < 1 || body > Integer.MAX_VALUE) {
      reject(errors, "maxBodySize",
          "mcp.max-body-size must be between 1B and " + Integer.MAX_VALUE + "B, got " + p.getMaxBodySize());
    }
    notNegative(errors, "keepAlive", "mcp.keep-alive", p.getKeepAlive());
    if (p.getResponseMode() == null) {
      reject(errors, "responseMode", "mcp.response-mode must be auto, always-sse or always-json");
    }
    positive(errors, "maxQueuedEvents", "mcp.max-queued-events", p.getMaxQueuedEvents());
    notNegative(errors, "streamAfter", "mcp.stream-after", p.getStreamAfter());
    notNegative(errors, "maxStreamAge", "mcp.max-stream-age", p.getMaxStreamAge());
    notNegative(errors, "sseRetry", "mcp.sse-retry", p.getSseRetry());
    positive(errors, "asyncTimeout", "mcp.async-timeout", p.getAsyncTimeout());
    notNegative(errors, "drainTimeout", "mcp.drain-timeout", p.getDrainTimeout());
    positive(errors, "maxConcurrentRequests", "mcp.max-concurrent-requests", p.getMaxConcurrentRequests());
    positive(errors, "pageSize", "mcp.page-size", p.getPageSize());
    positive(errors, "clientRequestTimeout", "mcp.client-request-timeout", p.getClientRequestTimeout());
    positive(errors, "session.idleTimeout", "mcp.session.idle-timeout", p.getSession().getIdleTimeout());
    positive(errors, "session.maxSessions", "mcp.session.max-sessions", p.getSession().getMaxSessions());
    McpProperties.HttpSse sse = p.getHttpSse();
    boolean ssePath = sse.getSsePath() != null && !sse.getSsePath().isEmpty();
    boolean messagePath = sse.getMessagePath() != null && !sse.getMessagePath().isEmpty();
    if (ssePath != messagePath) {
      reject(errors, ssePath ? "httpSse.messagePath" : "httpSse.ssePath",
          "mcp.http-sse.sse-path and mcp.http-sse.message-path must be set together");
    } else if (ssePath) {
      path(errors, "httpSse.ssePath", "mcp.http-sse.sse-path", sse.getSsePath());
      path(errors, "httpSse.messagePath", "mcp.http-sse.message-path", sse.getMessagePath());
      if (sse.getSsePath().equals(sse.getMessagePath()) || sse.getSsePath().equals(p.getPath())
          || sse.getMessagePath().equals(p.getPath())) {
        reject(errors, "httpSse.ssePath",
            "mcp.http-sse.sse-path, mcp.http-sse.message-path and mcp.path must differ");
      }
    }
  }

  private static void path(Errors errors, String field, String property, String value) {
    if (value == null || !value.matches("/[A-Za-z0-9._~!$&'()+,;=:@%/-]*") || value.equals("/")
        || value.endsWith("/") || value.contains("//")) {
      reject(errors, field, property + " must be a path such as /mcp (starting with /, not ending"
          + " with /, no wildcards, query or spaces), got '" + value + "'");
    }
  }

  private static void origins(Errors errors, List<String> origins) {
    if (origins == null) {
      return;
    }
    if (origins.contains("*") && origins.size() > 1) {
      reject(errors, "allowedOrigins", "mcp.allowed-origins: * must stand alone, got " + origins);
      return;
    }
    for (String origin : origins) {
      if (origin.equals("*")) {
        continue;
      }
      if (!isOrigin(origin)) {
        reject(errors, "allowedOrigins", "mcp.allowed-origins entries must be origins such as"
            + " https://app.example.com (scheme, host, optional port; no path), or * alone, got '"
            + origin + "'");
      }
    }
  }

  private static boolean isOrigin(String origin) {
    try {
      URI uri = new URI(origin.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null
          && uri.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void hosts(Errors errors, List<String> hosts) {
    if (hosts == null) {
      return;
    }
    if (hosts.contains("*") && hosts.size() > 1) {
      reject(errors, "allowedHosts", "mcp.allowed-hosts: * must stand alone, got " + hosts);
      return;
    }
    for (String host : hosts) {
      if (!host.equals("*")
          && !host.matches("([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?")) {
        reject(errors, "allowedHosts", "mcp.allowed-hosts entries must be host or host:port"
            + " (no scheme or path), or * alone, got '" + host + "'");
      }
    }
  }

  private static void notNegative(Errors errors, String field, String property, Duration value) {
    if (value == null || value.isNegative()) {
      reject(errors, field, property + " must not be negative, got " + value);
    }
  }

  private static void positive(Errors errors, String field, String property, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      reject(errors, field, property + " must be positive, got " + value);
    }
  }

  private static void positive(Errors errors, String field, String property, int value) {
    if (value < 1) {
      reject(errors, field, property + " must be positive, got " + value);
    }
  }

  private static void reject(Errors errors, String field, String message) {
    errors.rejectValue(field, CODE, message);
  }
}
