package org.mcpkit.redis;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * One server instance as its own JVM for {@link HaproxyScaleOutTest}: Undertow on a free loopback
 * port, sessions, events and buses on the given Redis. Prints {@code READY <port>} once listening
 * and exits when its standard input closes (or on kill -9).
 *
 * <pre>java -cp ... org.mcpkit.redis.RedisInstanceMain REDIS_URI NAME</pre>
 */
public final class RedisInstanceMain {
  private RedisInstanceMain() {}

  private static Tool tool(String name) {
    return Tool.builder(name, Map.of("type", "object")).description(name).build();
  }

  public static void main(String[] args) throws Exception {
    String name = args[1];
    McpRedis redis = McpRedis.builder(args[0]).commandTimeout(Duration.ofMillis(500)).sessionTtl(Duration.ofMinutes(5)).build();
    McpServer[] self = new McpServer[1];
    McpServer mcp = McpServer.builder(Implementation.of("redis-fleet", "1"))
        .notificationBus(redis.notificationBus())
        .tool(ToolSpec.of(tool("echo"), (ctx, a) -> CallToolResult.text("echo " + a.get("n"))))
        .tool(ToolSpec.of(tool("whoami"), (ctx, a) -> CallToolResult.text(name)))
        .tool(ToolSpec.of(tool("touch"), (ctx, a) -> {
          self[0].notifyResourceUpdated("test://hot");
          return CallToolResult.text("touched by " + name);
        }))
        .resource(ResourceSpec.of(Resource.of("test://hot", "hot"), (ctx, u, vars) ->
            new ReadResourceResult(List.of(new TextResourceContents(u, "text/plain", "x", null)), null)))
        .build();
    self[0] = mcp;
    HttpEndpointOptions options = redis.endpointOptions(HttpEndpointOptions.builder()).keepAlive(Duration.ofSeconds(30)).build();
    UndertowMcpServer http = UndertowMcpServer.builder(mcp).host("127.0.0.1").port(0).options(options)
        .readinessCheck(redis::isReachable).shutdownHook(false).build().start();
    System.out.println("READY " + http.port());
    System.out.flush();
    InputStream in = System.in;
    while (in.read() >= 0) {
      // until the test closes our input
    }
    http.close();
    mcp.close();
    redis.close();
  }
}
