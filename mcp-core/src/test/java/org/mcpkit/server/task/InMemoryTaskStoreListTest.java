package org.mcpkit.server.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TaskStore#list} of the in-memory store: the owner's live tasks in {@link TaskStore.Position} order, paged. */
class InMemoryTaskStoreListTest {
  private final TaskStore store = TaskStore.inMemory(100);
  private final Instant t0 = Instant.parse("2026-12-04T10:00:00Z");

  private void create(String id, String owner, Instant at, Duration ttl) {
    assertEquals(
        TaskStore.Created.CREATED,
        store.create(TaskRecord.working(id, owner, at, ttl, Duration.ofSeconds(1), Map.of("name", "t"), Map.of()), 10, at));
  }

  private List<String> ids(TaskStore.Position after, int limit, Instant now) {
    return store.list("ann", after, limit, now).stream().map(TaskRecord::taskId).toList();
  }

  @Test
  void pagesFollowCreationTimeThenIdAndSkipExpiredAndForeignTasks() {
    create("b", "ann", t0, Duration.ofMinutes(5));
    create("z", "ann", t0.minusSeconds(1), Duration.ofMinutes(5)); // created earlier, inserted later
    create("a", "ann", t0, Duration.ofMinutes(5));
    create("short", "ann", t0, Duration.ofSeconds(10));
    create("x", "ben", t0, Duration.ofMinutes(5));
    assertEquals(List.of("z", "a"), ids(TaskStore.Position.FIRST, 2, t0));
    assertEquals(List.of("b", "short"), ids(new TaskStore.Position(t0, "a"), 2, t0));
    assertEquals(List.of(), ids(new TaskStore.Position(t0, "short"), 2, t0));
    assertEquals(List.of("z", "a", "b"), ids(TaskStore.Position.FIRST, 10, t0.plusSeconds(11)), "expired is not listed");
    assertThrows(IllegalArgumentException.class, () -> store.list("ann", TaskStore.Position.FIRST, 0, t0));
  }

  @Test
  void positionsOrderByCreationThenIdAndFirstComesBeforeAll() {
    TaskStore.Position p = new TaskStore.Position(t0, "m");
    assertTrue(TaskStore.Position.FIRST.compareTo(p) < 0);
    assertTrue(new TaskStore.Position(t0, "a").compareTo(p) < 0);
    assertTrue(new TaskStore.Position(t0.plusNanos(1), "a").compareTo(p) > 0);
    assertTrue(TaskStore.Position.FIRST.isFirst());
  }
}
