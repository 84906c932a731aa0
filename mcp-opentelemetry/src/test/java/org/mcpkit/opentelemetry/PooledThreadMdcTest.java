package org.mcpkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.observe.MdcKeys;

/** On a pooled thread a log line carries the request's context, and nothing of it bleeds into what runs next there. */
class PooledThreadMdcTest {
  @Test
  void theNextTaskAndTheNextRequestOnTheSameThreadCarryNoneOfIt() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "the-pooled-thread"));
    try (MdcScenario scenario = new MdcScenario(pool)) {
      Map<String, String> first = scenario.sessionCallLogLine();
      pool.submit(() -> MdcScenario.HANDLER_LOG.info("the next task")).get(10, TimeUnit.SECONDS);
      Map<String, String> task = scenario.lines.list.get(scenario.lines.list.size() - 1).getMDCPropertyMap();
      assertEquals("the next task", scenario.lines.list.get(scenario.lines.list.size() - 1).getMessage());
      for (String key : MdcScenario.KEYS) {
        assertNull(task.get(key), key);
      }
      scenario.client.modernCall("broken");
      Map<String, String> next = scenario.lines.list.get(scenario.lines.list.size() - 1).getMDCPropertyMap();
      assertEquals("broken", next.get(MdcKeys.TOOL_NAME));
      assertNull(next.get(MdcKeys.SESSION_HASH), "a 2026-07-28 request has no session");
      assertNotEquals(first.get(MdcKeys.TRACE_ID), next.get(MdcKeys.TRACE_ID), "its own trace");
      assertNotEquals(first.get(MdcKeys.REQUEST_ID), next.get(MdcKeys.REQUEST_ID));
      assertEquals(2, scenario.handlerThreads.size());
      assertSame(scenario.handlerThreads.get(0), scenario.handlerThreads.get(1), "one pooled thread ran both requests");
    } finally {
      pool.shutdownNow();
    }
  }
}
