package org.mcpkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.observe.MdcKeys;

/**
 * A handler on a virtual thread logs with the request's method, trace id and session hash. Needs
 * Java 21+: the default build (Java 17) leaves this class out and {@code .ci/run} runs it on the
 * newer JDK; run on an older one it fails rather than skipping.
 */
class VirtualThreadMdcTest {
  @Test
  void aLogLineOnAVirtualThreadCarriesTheRequestContext() throws Exception {
    assertTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+, this is " + Runtime.version());
    ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    try (MdcScenario scenario = new MdcScenario(virtual)) {
      Map<String, String> line = scenario.sessionCallLogLine();
      Thread handler = scenario.handlerThreads.get(0);
      assertEquals(Boolean.TRUE, Thread.class.getMethod("isVirtual").invoke(handler), "the handler ran on a virtual thread");
      assertEquals("tools/call", line.get(MdcKeys.METHOD));
      assertEquals(MdcScenario.TRACE_ID, line.get(MdcKeys.TRACE_ID));
    } finally {
      virtual.shutdownNow();
    }
  }
}
