package org.mcpkit.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.mcpkit.protocol.CallToolResult;
import org.mcpkit.protocol.ElicitRequest;
import org.mcpkit.protocol.ElicitResult;
import org.mcpkit.protocol.Implementation;
import org.mcpkit.protocol.LoggingLevel;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.protocol.Tool;
import org.mcpkit.server.McpServer;
import org.mcpkit.server.RequestStateCodec;
import org.mcpkit.server.ResourceSpec;
import org.mcpkit.server.ToolSpec;
import org.mcpkit.server.http.HttpEndpointOptions;
import org.mcpkit.server.secret.SecretKeyRing;
import org.mcpkit.server.secret.SecretSource;

/**
 * The server every instance JVM of {@link HaproxyFleet} runs, whatever its transport: the same
 * tools on every instance, each answer naming the instance where it matters, sessions, events and
 * buses on one Redis, and {@code requestState} sealed with the key ring in the environment variable
 * {@value #SEALING_KEYS} (the same on every instance, as {@link SecretKeyRing} documents).
 *
 * <ul>
 *   <li>{@code whoami}: the instance's name
 *   <li>{@code echo} {@code {n}}: {@code echo N}
 *   <li>{@code touch} {@code {uri}}: publishes a resource update of {@code uri}, answers {@code touched by NAME}
 *   <li>{@code add_tool} {@code {n}}: adds tool {@code extra-N} here (a tools list change for every instance)
 *   <li>{@code ask}: elicits a name (a real {@code elicitation/create} in 2025, input-required in 2026),
 *       answers {@code Hi NAME from INSTANCE}
 *   <li>{@code steps}: logs {@code step 1}, waits for {@code release}, logs steps 2 to 5, answers {@code stepped}
 *   <li>{@code release}: lets a waiting {@code steps} of this instance go on, answers {@code released by NAME}
 * </ul>
 */
final class FleetServer {
  /** The environment variable holding the sealing key ring (JSON, see {@link SecretKeyRing}). */
  static final String SEALING_KEYS = "FLEET_SEALING_KEYS";

  final McpRedis redis;
  final McpServer mcp;
  final HttpEndpointOptions options;

  private FleetServer(McpRedis redis, McpServer mcp, HttpEndpointOptions options) {
    this.redis = redis;
    this.mcp = mcp;
    this.options = options;
  }

  private static Tool tool(String name) {
    return Tool.builder(name, Map.of("type", "object")).description(name).build();
  }

  /** Connects to {@code redisUri} and builds the server of instance {@code name}. */
  static FleetServer create(String redisUri, String name) {
    McpRedis redis = McpRedis.builder(redisUri).commandTimeout(Duration.ofMillis(500)).sessionTtl(Duration.ofMinutes(5)).build();
    AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
    McpServer[] self = new McpServer[1];
    McpServer mcp = McpServer.builder(Implementation.of("redis-fleet", "1"))
        .notificationBus(redis.notificationBus())
        .requestStateCodec(RequestStateCodec.hmacSha256(SecretKeyRing.of(SecretSource.environment(), SEALING_KEYS)))
        .tool(ToolSpec.of(tool("whoami"), (ctx, a) -> CallToolResult.text(name)))
        .tool(ToolSpec.of(tool("echo"), (ctx, a) -> CallToolResult.text("echo " + a.get("n"))))
        .tool(ToolSpec.of(tool("touch"), (ctx, a) -> {
          self[0].notifyResourceUpdated(String.valueOf(a.get("uri")));
          return CallToolResult.text("touched by " + name);
        }))
        .tool(ToolSpec.of(tool("add_tool"), (ctx, a) -> {
          self[0].addTool(ToolSpec.of(tool("extra-" + a.get("n")), (c, x) -> CallToolResult.text("extra")));
          return CallToolResult.text("added by " + name);
        }))
        .tool(ToolSpec.of(tool("ask"), (ctx, a) -> {
          ElicitResult answer = ctx.elicit("name", ElicitRequest.form("Name?",
              Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")))));
          return CallToolResult.text("Hi " + answer.content().get("name") + " from " + name);
        }))
        .tool(ToolSpec.of(tool("steps"), (ctx, a) -> {
          CountDownLatch wait = new CountDownLatch(1);
          gate.set(wait);
          ctx.log(LoggingLevel.INFO, "step 1");
          try {
            if (!wait.await(20, TimeUnit.SECONDS)) {
              return CallToolResult.text("never released");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CallToolResult.text("interrupted");
          }
          for (int i = 2; i <= 5; i++) {
            ctx.log(LoggingLevel.INFO, "step " + i);
          }
          return CallToolResult.text("stepped");
        }))
        .tool(ToolSpec.of(tool("release"), (ctx, a) -> {
          gate.get().countDown();
          return CallToolResult.text("released by " + name);
        }))
        .resource(ResourceSpec.of(Resource.of("test://hot", "hot"), (ctx, u, vars) ->
            new ReadResourceResult(List.of(new TextResourceContents(u, "text/plain", "x", null)), null)))
        .build();
    self[0] = mcp;
    HttpEndpointOptions options = redis.endpointOptions(HttpEndpointOptions.builder()).keepAlive(Duration.ofSeconds(30)).build();
    return new FleetServer(redis, mcp, options);
  }

  /** Reads until standard input closes (the fleet closes it to stop an instance gracefully). */
  static void awaitStdinClosed() throws java.io.IOException {
    while (System.in.read() >= 0) {
      // until the fleet closes our input
    }
  }

  /** Closes the server, then Redis (after the transport stopped). */
  void close() {
    mcp.close();
    redis.close();
  }
}
