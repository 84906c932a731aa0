package org.mcpkit.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides which {@code Host} headers are allowed. A server on a loopback address should accept
 * only loopback host names, so a DNS-rebinding page cannot reach it under a foreign name.
 * Immutable and thread-safe.
 */
@FunctionalInterface
public interface HostPolicy {
  /** Whether this Host header value is allowed. */
  boolean allows(String host);

  /** The default: {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, with or without a port. */
  static HostPolicy loopback() {
    return host -> {
      String h = host.trim().toLowerCase(Locale.ROOT);
      String name;
      if (h.startsWith("[")) {
        int end = h.indexOf(']');
        if (end < 0) {
          return false;
        }
        name = h.substring(0, end + 1);
        String rest = h.substring(end + 1);
        if (!rest.isEmpty() && !isPortSuffix(rest, 0)) {
          return false;
        }
      } else {
        int colon = h.indexOf(':');
        name = colon < 0 ? h : h.substring(0, colon);
        if (colon >= 0 && !isPortSuffix(h, colon)) {
          return false;
        }
      }
      return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
    };
  }

  /** Whether {@code s} from {@code colon} on is {@code :} and one to five digits (no regex: it runs per request). */
  private static boolean isPortSuffix(String s, int colon) {
    int digits = s.length() - colon - 1;
    if (s.charAt(colon) != ':' || digits < 1 || digits > 5) {
      return false;
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Exactly these {@code host[:port]} values (case-insensitive). */
  static HostPolicy allowList(String... hosts) {
    Set<String> allowed =
        Set.copyOf(
            List.of(hosts).stream()
                .map(h -> Objects.requireNonNull(h, "host").trim().toLowerCase(Locale.ROOT))
                .toList());
    return host -> allowed.contains(host.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a bind address is a loopback one ({@code localhost}, {@code 127.0.0.1}, {@code ::1} or
   * {@code [::1]}): a server bound there serves only this machine.
   */
  static boolean isLoopbackAddress(String bindHost) {
    String h = bindHost.trim().toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("::1") || h.equals("[::1]");
  }

  /** Any Host: for servers behind a proxy that fixes the Host, or bound to a public address. */
  static HostPolicy any() {
    return host -> true;
  }
}
