package org.mcpkit.server.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides which {@code Origin} headers are allowed (DNS-rebinding protection). A request without
 * an Origin is allowed (non-browser clients send none); a request with a disallowed one gets 403.
 * Every Origin value of a request is checked. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface OriginPolicy {
  /** Whether this Origin header value is allowed. */
  boolean allows(String origin);

  /** The default: {@code http(s)://localhost}, {@code 127.0.0.1} or {@code [::1]} on any port. */
  static OriginPolicy localhostOnly() {
    return origin -> {
      try {
        URI uri = new URI(origin.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https"))
            && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"))
            && uri.getPath().isEmpty()
            && uri.getQuery() == null
            && uri.getUserInfo() == null;
      } catch (java.net.URISyntaxException e) {
        return false;
      }
    };
  }

  /** Exactly these origins (compared case-insensitively, e.g. {@code https://app.example.com}). */
  static OriginPolicy allowList(String... origins) {
    Set<String> allowed =
        Set.copyOf(
            List.of(origins).stream()
                .map(o -> Objects.requireNonNull(o, "origin").trim().toLowerCase(Locale.ROOT))
                .toList());
    return origin -> allowed.contains(origin.trim().toLowerCase(Locale.ROOT));
  }

  /** A custom rule. */
  static OriginPolicy predicate(Predicate<String> rule) {
    Objects.requireNonNull(rule, "rule");
    return rule::test;
  }

  /**
   * Accepts every origin. Dangerous: any web page the user visits can then call this server
   * through the user's browser. Only for servers that authenticate every request.
   */
  static OriginPolicy allowAnyOrigin() {
    return origin -> true;
  }
}
