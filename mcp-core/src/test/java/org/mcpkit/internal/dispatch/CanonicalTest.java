package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.ClientCapabilities;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.RootsCapability;

/** Sessions share equal client info and capabilities, within bounds. */
class CanonicalTest {
  @Test
  void equalValuesAreSharedAndDistinctOnesKept() {
    Canonical canonical = new Canonical();
    Implementation first = canonical.of(new Implementation("client", "1.0", null, null, null, null));
    Implementation again = canonical.of(new Implementation("client", "1.0", null, null, null, null));
    Implementation other = canonical.of(new Implementation("client", "2.0", null, null, null, null));
    assertSame(first, again);
    assertEquals("2.0", other.version());
    ClientCapabilities caps = canonical.of(new ClientCapabilities(null, new RootsCapability(true), null, null, null));
    assertSame(caps, canonical.of(new ClientCapabilities(null, new RootsCapability(true), null, null, null)));
    assertNull(canonical.of(null));
    assertEquals(3, canonical.size());
  }

  @Test
  void largeValuesAndValuesPastTheCountAreNotHeld() {
    Canonical canonical = new Canonical();
    ClientCapabilities big =
        new ClientCapabilities(Map.of("x", "y".repeat(Canonical.MAX_CHARS)), null, null, null, null);
    assertSame(big, canonical.of(big));
    assertEquals(0, canonical.size());
    for (int i = 0; i < Canonical.MAX_VALUES + 100; i++) {
      canonical.of(Implementation.of("client", Integer.toString(i)));
    }
    assertEquals(Canonical.MAX_VALUES, canonical.size());
    Implementation late = Implementation.of("client", Integer.toString(Canonical.MAX_VALUES + 5));
    assertSame(late, canonical.of(late), "past the bound a value is kept as given");
    assertEquals(Canonical.MAX_VALUES, canonical.size());
  }
}
