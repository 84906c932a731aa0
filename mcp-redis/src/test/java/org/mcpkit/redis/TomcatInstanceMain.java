package org.mcpkit.redis;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.BooleanSupplier;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.mcpkit.transport.servlet.McpServlet;

/**
 * One {@link FleetServer} instance as its own JVM on the servlet transport in an embedded Tomcat 11,
 * for {@link TomcatHaproxyScaleOutTest}: port 0 on loopback, {@code /mcp}, {@code /healthz} (200
 * while Tomcat runs) and {@code /readyz} (503 while Redis is unreachable). Prints {@code READY
 * <port>} once listening and exits when its standard input closes (or on kill -9).
 *
 * <pre>java -cp ... org.mcpkit.redis.TomcatInstanceMain REDIS_URI NAME</pre>
 */
public final class TomcatInstanceMain {
  private TomcatInstanceMain() {}

  /** {@code 200 ok} while the check holds, else {@code 503 not ready}. */
  private static final class Probe extends HttpServlet {
    private final transient BooleanSupplier check;

    Probe(BooleanSupplier check) {
      this.check = check;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      boolean ok = check.getAsBoolean();
      resp.setStatus(ok ? 200 : 503);
      resp.setContentType("text/plain");
      resp.getOutputStream().write((ok ? "ok" : "not ready").getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** Starts the instance; arguments: the Redis URI and the instance's name. */
  public static void main(String[] args) throws Exception {
    FleetServer fleet = FleetServer.create(args[0], args[1]);
    McpHttpEndpoint endpoint = McpHttpEndpoint.create(fleet.mcp, fleet.options);
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("mcp-fleet-tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    Wrapper mcp = Tomcat.addServlet(ctx, "mcp", new McpServlet(endpoint));
    mcp.setAsyncSupported(true);
    ctx.addServletMappingDecoded("/mcp", "mcp");
    Tomcat.addServlet(ctx, "healthz", new Probe(() -> true));
    ctx.addServletMappingDecoded("/healthz", "healthz");
    Tomcat.addServlet(ctx, "readyz", new Probe(fleet.redis::isReachable));
    ctx.addServletMappingDecoded("/readyz", "readyz");
    tomcat.start();
    System.out.println("READY " + tomcat.getConnector().getLocalPort());
    System.out.flush();
    FleetServer.awaitStdinClosed();
    tomcat.stop();
    tomcat.destroy();
    endpoint.close();
    fleet.close();
  }
}
