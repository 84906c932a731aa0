package org.mcpkit.spring.boot.test;

import java.util.Locale;
import org.mcpkit.server.annotation.McpArg;
import org.mcpkit.server.annotation.McpTool;
import org.springframework.stereotype.Component;

/** A plain component with an annotated tool method: the starter registers it as is. */
@Component
public class Shouter {
  @McpTool(description = "Shouts the text")
  public String shout(@McpArg(description = "What to shout") String text) {
    return text.toUpperCase(Locale.ROOT) + "!";
  }
}
