package org.mcpkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.server.observe.AuthFailure;
import org.mcpkit.server.observe.Rejection;
import org.mcpkit.server.observe.ServerObserver;
import org.mcpkit.server.observe.SessionClosed;
import org.mcpkit.server.observe.SessionEndReason;
import org.mcpkit.server.observe.SessionOpened;
import org.mcpkit.server.observe.StoreFailure;
import org.mcpkit.server.observe.StreamCloseReason;
import org.mcpkit.server.observe.StreamKind;
import org.mcpkit.server.observe.Transport;

/** Each observer event lands in its meter with its tags; the histogram buckets can be replaced. */
class ObserverEventsMetricsTest {
  @Test
  void eventsAreCountedWithTheirTags() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ServerObserver o = McpMetrics.observer(registry);
    o.keepAliveSent(StreamKind.GET);
    o.keepAliveSent(StreamKind.GET);
    o.streamOpened(StreamKind.LISTEN);
    o.streamClosed(StreamKind.LISTEN, StreamCloseReason.MAX_AGE);
    o.authFailed(new AuthFailure(Transport.STREAMABLE_HTTP, AuthFailure.Reason.EXPIRED_TOKEN));
    o.rejected(new Rejection(Transport.STREAMABLE_HTTP, "payload_too_large", OptionalInt.of(413), -32600));
    o.rejected(new Rejection(Transport.STDIO, "malformed_message", OptionalInt.empty(), -32700));
    o.storeFailed(new StoreFailure(StoreFailure.Component.SESSION_BUS, "publish", new IllegalStateException("down")));
    assertEquals(2.0, registry.get(McpMetrics.KEEP_ALIVES).tag(McpMetrics.KIND_TAG, "get").counter().count());
    assertEquals(0.0, registry.get(McpMetrics.OPEN_STREAMS).tag(McpMetrics.KIND_TAG, "listen").gauge().value());
    assertEquals(1.0, registry.get(McpMetrics.STREAMS_CLOSED)
        .tags(McpMetrics.KIND_TAG, "listen", McpMetrics.REASON_TAG, "max_age").counter().count());
    assertEquals(1.0, registry.get(McpMetrics.AUTH_FAILURES).tag(McpMetrics.REASON_TAG, "expired_token").counter().count());
    assertEquals(1.0, registry.get(McpMetrics.REJECTIONS).tags(McpMetrics.TRANSPORT_TAG, "streamable_http",
        McpMetrics.REASON_TAG, "payload_too_large", McpMetrics.STATUS_TAG, "413").counter().count());
    assertEquals(1.0, registry.get(McpMetrics.REJECTIONS).tags(McpMetrics.TRANSPORT_TAG, "stdio",
        McpMetrics.REASON_TAG, "malformed_message", McpMetrics.STATUS_TAG, "none").counter().count());
    assertEquals(1.0, registry.get(McpMetrics.STORE_FAILURES).tags(McpMetrics.COMPONENT_TAG, "session_bus",
        McpMetrics.OPERATION_TAG, "publish", McpMetrics.ERROR_TAG, "java.lang.IllegalStateException").counter().count());
  }

  @Test
  void longSessionsFitTheDefaultBucketsAndBucketsCanBeReplaced() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServerObserver o = McpMetrics.builder(registry)
        .sessionBuckets(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(8))
        .build();
    o.sessionOpened(new SessionOpened(Transport.STREAMABLE_HTTP, Optional.of(ProtocolVersion.V2025_11_25)));
    o.sessionClosed(new SessionClosed(Transport.STREAMABLE_HTTP, Optional.of(ProtocolVersion.V2025_11_25),
        SessionEndReason.EXPIRED, Duration.ofMinutes(45)));
    String scrape = registry.scrape();
    assertTrue(scrape.contains("mcp_server_session_duration_seconds_bucket{mcp_protocol_version=\"2025-11-25\","
        + "mcp_transport=\"streamable_http\",reason=\"expired\",le=\"60.0\"} 0"), scrape);
    assertTrue(scrape.contains("mcp_server_session_duration_seconds_bucket{mcp_protocol_version=\"2025-11-25\","
        + "mcp_transport=\"streamable_http\",reason=\"expired\",le=\"3600.0\"} 1"), scrape);
    assertEquals(0.0, registry.get(McpMetrics.ACTIVE_SESSIONS).tag(McpMetrics.TRANSPORT_TAG, "streamable_http").gauge().value());
    assertTrue(McpMetrics.Builder.SESSION_BUCKETS.contains(Duration.ofHours(8)), "the default reaches 8 hours");
    assertThrows(IllegalArgumentException.class, () -> McpMetrics.builder(registry).operationBuckets());
    assertThrows(IllegalArgumentException.class, () -> McpMetrics.builder(registry).operationBuckets(Duration.ZERO));
  }
}
