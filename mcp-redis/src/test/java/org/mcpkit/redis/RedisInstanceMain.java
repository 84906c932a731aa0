package org.mcpkit.redis;

import org.mcpkit.transport.undertow.UndertowMcpServer;

/**
 * One {@link FleetServer} instance as its own JVM on Undertow, for {@link UndertowHaproxyScaleOutTest}:
 * a free loopback port, {@code /healthz} and {@code /readyz} (503 while Redis is unreachable).
 * Prints {@code READY <port>} once listening and exits when its standard input closes (or on kill -9).
 *
 * <pre>java -cp ... org.mcpkit.redis.RedisInstanceMain REDIS_URI NAME</pre>
 */
public final class RedisInstanceMain {
  private RedisInstanceMain() {}

  /** Starts the instance; arguments: the Redis URI and the instance's name. */
  public static void main(String[] args) throws Exception {
    FleetServer fleet = FleetServer.create(args[0], args[1]);
    UndertowMcpServer http = UndertowMcpServer.builder(fleet.mcp).host("127.0.0.1").port(0).options(fleet.options)
        .readinessCheck(fleet.redis::isReachable).shutdownHook(false).build().start();
    System.out.println("READY " + http.port());
    System.out.flush();
    FleetServer.awaitStdinClosed();
    http.close();
    fleet.close();
  }
}
