package org.mcpkit.internal.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.RotatingSealingKeys;
import org.mcpkit.server.SealingKey;
import org.mcpkit.server.SealingKeys;

class RotatingSealingKeysImplTest {
  private static SealingKey key(String id) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) id.hashCode());
    return SealingKey.of(id, secret);
  }

  @Test
  void theFactoryReturnsTheInternalRing() {
    RotatingSealingKeys ring = SealingKeys.rotating(key("k1"), 2);
    assertInstanceOf(RotatingSealingKeysImpl.class, ring);
    assertEquals("k1", ring.current().keyId());
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> SealingKeys.rotating(key("k1"), -1));
    assertThrows(NullPointerException.class, () -> SealingKeys.rotating(null, 1));
    RotatingSealingKeys ring = SealingKeys.rotating(key("k1"), 1);
    assertThrows(NullPointerException.class, () -> ring.rotate(null));
    assertEquals("k1", ring.current().keyId());
  }

  @Test
  void retainsTheNewestPreviousKeysUpToTheLimit() {
    RotatingSealingKeys ring = SealingKeys.rotating(key("k1"), 2);
    ring.rotate(key("k2"));
    ring.rotate(key("k3"));
    ring.rotate(key("k4"));
    assertEquals("k4", ring.current().keyId());
    assertEquals(Optional.of(key("k4")), ring.find("k4"));
    assertEquals(Optional.of(key("k3")), ring.find("k3"));
    assertEquals(Optional.of(key("k2")), ring.find("k2"));
    assertEquals(Optional.empty(), ring.find("k1"));
    assertEquals(Optional.empty(), ring.find("nope"));
  }

  @Test
  void retainingNothingKeepsOnlyTheCurrentKey() {
    RotatingSealingKeys ring = SealingKeys.rotating(key("k1"), 0);
    ring.rotate(key("k2"));
    assertEquals(Optional.empty(), ring.find("k1"));
    assertEquals(Optional.of(key("k2")), ring.find("k2"));
  }
}
