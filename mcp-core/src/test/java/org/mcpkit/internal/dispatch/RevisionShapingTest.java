package org.mcpkit.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.internal.json.Json;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Icon;
import org.mcpkit.protocol.ListToolsResult;
import org.mcpkit.protocol.ProtocolVersion;
import org.mcpkit.protocol.Tool;

/** The unshaped revisions get the very object the route built: no copy on their path. */
class RevisionShapingTest {
  @Test
  void modernAnd20251125RepliesAreTheSameObject() {
    Tool tool = Tool.builder("t", Map.of("type", "object")).title("T")
        .icons(List.of(new Icon("https://example.com/i.png", null, null, null))).build();
    Object list = new ListToolsResult(List.of(tool), null, null);
    Object call = CallToolResult.structured(Map.of("a", 1), "a=1");
    for (Object result : new Object[] {list, call}) {
      assertSame(result, RevisionShaping.reply(result, null, Json.mapper()), "a modern request has no session");
      assertSame(result, RevisionShaping.shape(result, ProtocolVersion.V2026_07_28, Json.mapper()));
      assertSame(result, RevisionShaping.shape(result, ProtocolVersion.V2025_11_25, Json.mapper()));
    }
    assertEquals(
        List.of(ProtocolVersion.V2025_06_18, ProtocolVersion.V2025_03_26, ProtocolVersion.V2024_11_05),
        java.util.Arrays.stream(ProtocolVersion.values()).filter(RevisionShaping::shapes).toList(),
        "every revision before 2025-11-25 is shaped");
  }
}
