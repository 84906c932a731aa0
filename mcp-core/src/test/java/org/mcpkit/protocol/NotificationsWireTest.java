package org.mcpkit.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mcpkit.protocol.WireJson.assertRejected;
import static org.mcpkit.protocol.WireJson.assertWire;
import static org.mcpkit.protocol.WireJson.assertWrites;
import static org.mcpkit.protocol.WireJson.read;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationsWireTest {

  @Test
  void subscriptionsListenRequestParams() {
    String golden = """
        {
          "notifications": {
            "toolsListChanged": true,
            "resourcesListChanged": true,
            "resourceSubscriptions": ["file:///project/README.md"]
          },
          "_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28"}
        }
        """;
    SubscriptionsListenRequest value =
        new SubscriptionsListenRequest(
            new SubscriptionFilter(true, null, true, List.of("file:///project/README.md")),
            Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28"));
    assertWire(golden, value, SubscriptionsListenRequest.class);
  }

  @Test
  void subscriptionsListenWithTaskIds() {
    String golden = """
        {"notifications": {"taskIds": ["t-1", "t-2"]}}
        """;
    SubscriptionsListenRequest value =
        new SubscriptionsListenRequest(new SubscriptionFilter(null, null, null, null, List.of("t-1", "t-2")), null);
    assertWire(golden, value, SubscriptionsListenRequest.class);
    assertEquals(List.of(), new SubscriptionFilter(true, null, null, null).taskIds(), "absent: empty, and omitted");
  }

  @Test
  void subscriptionsListenRequiresNotifications() {
    assertRejected("""
        {"_meta":{}}
        """, SubscriptionsListenRequest.class);
  }

  @Test
  void emptyFilterOmitsEverything() {
    SubscriptionFilter empty = new SubscriptionFilter(null, null, null, null);
    assertWrites("{}", empty);
    assertEquals(empty, read("{}", SubscriptionFilter.class));
    assertEquals(List.of(), empty.resourceSubscriptions());
  }

  @Test
  void subscriptionsAcknowledged() {
    String golden = """
        {
          "notifications": {"toolsListChanged": true, "promptsListChanged": false},
          "_meta": {"io.modelcontextprotocol/subscriptionId": 7}
        }
        """;
    SubscriptionsAcknowledgedNotification value =
        new SubscriptionsAcknowledgedNotification(
            new SubscriptionFilter(true, false, null, null),
            Map.of("io.modelcontextprotocol/subscriptionId", 7));
    assertWire(golden, value, SubscriptionsAcknowledgedNotification.class);
    assertRejected("{}", SubscriptionsAcknowledgedNotification.class);
  }

  @Test
  void resourceUpdated() {
    String golden = """
        {"uri":"file:///project/README.md","_meta":{"io.modelcontextprotocol/subscriptionId":"sub-1"}}
        """;
    ResourceUpdatedNotification value =
        new ResourceUpdatedNotification(
            "file:///project/README.md", Map.of("io.modelcontextprotocol/subscriptionId", "sub-1"));
    assertWire(golden, value, ResourceUpdatedNotification.class);
    assertRejected("{}", ResourceUpdatedNotification.class);
  }

  @Test
  void progress() {
    // progress is a Java double, so it is written with a fraction.
    String golden = """
        {"progressToken":"abc123","progress":50.0,"total":100.0,"message":"Reticulating splines..."}
        """;
    ProgressNotification value =
        new ProgressNotification("abc123", 50, 100.0, "Reticulating splines...", null);
    assertWire(golden, value, ProgressNotification.class);
  }

  @Test
  void progressWithNumericTokenAndIntegerProgress() {
    ProgressNotification read = read("""
        {"progressToken":42,"progress":3,"unknown":"x"}
        """, ProgressNotification.class);
    assertEquals(new ProgressNotification(42, 3.0, null, null, null), read);
    assertWrites("""
        {"progressToken":42,"progress":3.0}
        """, read);
    assertRejected("""
        {"progress":1}
        """, ProgressNotification.class);
  }

  @Test
  void loggingMessage() {
    String golden = """
        {
          "level": "error",
          "logger": "database",
          "data": {"error": "Connection failed", "details": {"host": "localhost", "port": 5432}}
        }
        """;
    LoggingMessageNotification value =
        new LoggingMessageNotification(
            LoggingLevel.ERROR,
            "database",
            Map.of("error", "Connection failed", "details", Map.of("host", "localhost", "port", 5432)),
            null);
    assertWire(golden, value, LoggingMessageNotification.class);
  }

  @Test
  void loggingMessageWithStringData() {
    assertWire("""
        {"level":"warning","data":"disk almost full"}
        """,
        new LoggingMessageNotification(LoggingLevel.WARNING, null, "disk almost full", null),
        LoggingMessageNotification.class);
  }

  @Test
  void loggingMessageBadLevelRejected() {
    assertRejected("""
        {"level":"verbose","data":"x"}
        """, LoggingMessageNotification.class);
    assertRejected("""
        {"data":"x"}
        """, LoggingMessageNotification.class);
  }

  @Test
  void cancelled() {
    assertWire("""
        {"requestId":"123","reason":"User requested cancellation"}
        """,
        new CancelledNotification("123", "User requested cancellation", null),
        CancelledNotification.class);
    assertWire("""
        {"requestId":9}
        """, new CancelledNotification(9, null, null), CancelledNotification.class);
  }

  @Test
  void legacySetLevel() {
    assertWire("""
        {"level":"debug"}
        """, new SetLevelRequest(LoggingLevel.DEBUG, null), SetLevelRequest.class);
    assertRejected("{}", SetLevelRequest.class);
    assertRejected("""
        {"level":"DEBUG"}
        """, SetLevelRequest.class);
  }

  @Test
  void loggingLevelsOrderedBySeverity() {
    assertEquals(
        List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"),
        Arrays.stream(LoggingLevel.values()).map(LoggingLevel::wireName).toList());
    assertTrue(LoggingLevel.ERROR.isAtLeast(LoggingLevel.WARNING));
    assertTrue(LoggingLevel.WARNING.isAtLeast(LoggingLevel.WARNING));
    assertFalse(LoggingLevel.DEBUG.isAtLeast(LoggingLevel.INFO));
    assertTrue(LoggingLevel.EMERGENCY.isAtLeast(LoggingLevel.DEBUG));
    assertFalse(LoggingLevel.ALERT.isAtLeast(LoggingLevel.EMERGENCY));
  }

  @Test
  void loggingLevelParse() {
    for (LoggingLevel level : LoggingLevel.values()) {
      assertEquals(Optional.of(level), LoggingLevel.parse(level.wireName()));
      assertWrites("\"" + level.wireName() + "\"", level);
      assertEquals(level, read("\"" + level.wireName() + "\"", LoggingLevel.class));
    }
    assertEquals(Optional.of(LoggingLevel.NOTICE), LoggingLevel.parse("notice"));
    assertEquals(Optional.empty(), LoggingLevel.parse("NOTICE"));
    assertEquals(Optional.empty(), LoggingLevel.parse("trace"));
    assertEquals(Optional.empty(), LoggingLevel.parse(""));
    assertEquals(Optional.empty(), LoggingLevel.parse(null));
  }
}
