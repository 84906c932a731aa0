package org.mcpkit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The default Host policy over exact values: loopback names with an optional port of one to five digits. */
class HostPolicyTest {
  @Test
  void loopbackNamesWithOrWithoutAPort() {
    HostPolicy p = HostPolicy.loopback();
    Map<String, Boolean> got = new TreeMap<>();
    for (String host : new String[] {
        "localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:1", "127.0.0.1:65535", "[::1]", "[::1]:443", " localhost:80 ",
        "localhost:", "localhost:123456", "localhost:80a", "localhost:-1", "localhost:８０", "[::1]:", "[::1]x", "[::1",
        "127.0.0.2", "evil.example.com", "localhost.evil.example.com:80", "::1"}) {
      got.put(host, p.allows(host));
    }
    Map<String, Boolean> expected = new TreeMap<>();
    for (String ok : new String[] {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:1", "127.0.0.1:65535", "[::1]", "[::1]:443", " localhost:80 "}) {
      expected.put(ok, true);
    }
    for (String no : new String[] {"localhost:", "localhost:123456", "localhost:80a", "localhost:-1", "localhost:８０", "[::1]:", "[::1]x", "[::1",
        "127.0.0.2", "evil.example.com", "localhost.evil.example.com:80", "::1"}) {
      expected.put(no, false);
    }
    assertEquals(expected, got);
  }
}
