package org.mcpkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The event values buses carry: each kind with exactly the subject it names. */
class ServerEventTest {
  @Test
  void aTaskStatusEventCarriesItsTaskIdAndNothingElse() {
    ServerEvent e = ServerEvent.taskStatus("t-1");
    assertEquals(ServerEvent.Kind.TASK_STATUS, e.kind());
    assertEquals(Optional.of("t-1"), e.statusTaskId());
    assertEquals(Optional.empty(), e.resourceUri());
    assertEquals(new ServerEvent(ServerEvent.Kind.TASK_STATUS, null, "t-1"), e);
    assertThrows(IllegalArgumentException.class, () -> new ServerEvent(ServerEvent.Kind.TASK_STATUS, null));
    assertThrows(IllegalArgumentException.class, () -> new ServerEvent(ServerEvent.Kind.TOOLS_LIST_CHANGED, null, "t-1"));
    assertThrows(IllegalArgumentException.class, () -> new ServerEvent(ServerEvent.Kind.RESOURCE_UPDATED, "file:///a", "t-1"));
  }

  @Test
  void theTwoArgumentFormStaysForUriEvents() {
    assertEquals(ServerEvent.resourceUpdated("file:///a"), new ServerEvent(ServerEvent.Kind.RESOURCE_UPDATED, "file:///a"));
    assertEquals(Optional.empty(), ServerEvent.of(ServerEvent.Kind.TOOLS_LIST_CHANGED).statusTaskId());
  }
}
