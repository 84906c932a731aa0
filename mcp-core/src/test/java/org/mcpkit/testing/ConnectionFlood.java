package org.mcpkit.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Floods a real server on the loopback address with idle connections and half-sent request heads
 * from a {@link FloodClient} child JVM (the flood and the server each get a whole process's
 * file-descriptor limit: 10,000 idle connections and 2,000 heads take 12,000 descriptors on each
 * side, more than one process may hold under the usual limit of 20,000 once the JVM's own are
 * counted), while the test thread keeps sending normal requests and counts the server JVM's
 * threads. Every wait is bounded by the deadline; the child is destroyed at the end whatever
 * happened.
 */
public final class ConnectionFlood {
  private ConnectionFlood() {}

  /** A normal request made during the flood; it throws (an assertion) when the answer is wrong. */
  @FunctionalInterface
  public interface Probe {
    /** Sends the request and checks the answer. */
    void run() throws Exception;
  }

  /**
   * What happened.
   *
   * @param idleOpened idle connections the flood opened
   * @param headsOpened half-sent heads the flood opened
   * @param failed connections that could not be opened
   * @param openMillis time to open them all
   * @param heldAtOnce connections still open when the last was opened
   * @param idleClosed idle connections the server closed
   * @param headsClosed heads the server closed
   * @param lastCloseMillis when the server closed the last one, from the first connection
   * @param idleLifeMin shortest life of an idle connection, from connect to the server's close (ms)
   * @param idleLifeMax longest life of an idle connection (ms)
   * @param headLifeMin shortest life of a half-sent head (ms)
   * @param headLifeMax longest life of a half-sent head (ms)
   * @param probes normal requests answered while the flood was held
   * @param threadsBefore the server's live threads just before the flood: threads started since it
   *     started (see {@link #threadsNow()}), not counting the test's own
   * @param threadsMax the most of them seen during the flood (counted about every 50 ms; a pool's
   *     threads live far longer)
   * @param threadsAfter the server's live threads after the flood
   * @param jvmThreadsBefore every live thread of this JVM just before the flood
   * @param jvmPeak the JVM's peak thread count from then to the end
   */
  public record Result(int idleOpened, int headsOpened, int failed, long openMillis, int heldAtOnce, int idleClosed,
      int headsClosed, long lastCloseMillis, long idleLifeMin, long idleLifeMax, long headLifeMin, long headLifeMax,
      int probes, int threadsBefore, int threadsMax, int threadsAfter, int jvmThreadsBefore, int jvmPeak) {}

  /** The threads alive now: take it before starting the server, to tell its threads from the rest. */
  public static java.util.Set<Thread> threadsNow() {
    return java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
  }

  /** Live threads not in {@code before} and not the test's own (the flood's output reader, the JDK's process reaper). */
  private static int serverThreads(java.util.Set<Thread> before) {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && !before.contains(t) && !t.getName().startsWith("flood-") && !t.getName().equals("process reaper")) {
        n++;
      }
    }
    return n;
  }

  private static final Pattern OPEN = Pattern.compile(
      "OPEN idle=(\\d+) heads=(\\d+) failed=(\\d+) millis=(\\d+) heldAtOnce=(\\d+)");
  private static final Pattern DONE = Pattern.compile(
      "DONE idle=(\\d+) heads=(\\d+) lastCloseMillis=(\\d+) idleLife=(\\d+)-(\\d+) headLife=(\\d+)-(\\d+)");

  /**
   * Floods {@code 127.0.0.1:port} with {@code idle} idle connections and {@code heads} half-sent
   * heads; runs {@code probe} about every 50 ms until the server has closed them all or {@code
   * deadline} passed (at least once while the flood is held). {@code beforeServer} is {@link
   * #threadsNow()} taken before the server started.
   */
  public static Result flood(int port, int idle, int heads, Duration deadline, java.util.Set<Thread> beforeServer,
      Probe probe) throws Exception {
    long limit = openFileLimit();
    if (limit < idle + heads + 2048) {
      throw new AssertionError("the flood needs " + (idle + heads) + " file descriptors on each side plus the JVM's own;"
          + " this process may open " + limit + ": raise `ulimit -n` before running the build (.ci/run does)");
    }
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    String classPath = Path.of(FloodClient.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
            FloodClient.class.getName(), "127.0.0.1", Integer.toString(port), Integer.toString(idle),
            Integer.toString(heads), Long.toString(deadline.toMillis()))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("READ FAILED " + e);
      }
    }, "flood-client-output");
    reader.setDaemon(true);
    reader.start();
    long end = System.nanoTime() + deadline.toNanos() + TimeUnit.SECONDS.toNanos(30);
    try {
      while (!lines.contains("READY") && child.isAlive() && System.nanoTime() < end) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling deadline
      }
      if (!lines.contains("READY")) {
        throw new AssertionError("the flood client did not start: " + lines);
      }
      // The test's own threads (this one, the reader, the JDK's process reaper) exist from here on:
      // what the counts below add is the server's.
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      int jvmThreadsBefore = threads.getThreadCount();
      threads.resetPeakThreadCount();
      int threadsBefore = serverThreads(beforeServer);
      int threadsMax = threadsBefore;
      OutputStream go = child.getOutputStream();
      go.write('\n');
      go.flush();
      Matcher open = null;
      Matcher done = null;
      int probes = 0;
      while (System.nanoTime() < end) {
        open = open != null ? open : find(lines, OPEN);
        done = find(lines, DONE);
        if (done != null || !child.isAlive() && reader.getState() == Thread.State.TERMINATED) {
          break;
        }
        if (open != null) {
          probe.run(); // a normal request while the flood is held
          probes++;
        }
        threadsMax = Math.max(threadsMax, serverThreads(beforeServer));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // pacing of the probes
      }
      if (open == null || done == null) {
        throw new AssertionError("the flood did not finish in time: " + lines);
      }
      probe.run(); // and one after
      return new Result(
          Integer.parseInt(open.group(1)), Integer.parseInt(open.group(2)), Integer.parseInt(open.group(3)),
          Long.parseLong(open.group(4)), Integer.parseInt(open.group(5)),
          Integer.parseInt(done.group(1)), Integer.parseInt(done.group(2)), Long.parseLong(done.group(3)),
          Long.parseLong(done.group(4)), Long.parseLong(done.group(5)), Long.parseLong(done.group(6)),
          Long.parseLong(done.group(7)), probes, threadsBefore, threadsMax, serverThreads(beforeServer),
          jvmThreadsBefore, threads.getPeakThreadCount());
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Checks a flood against a server whose idle and request-head timeouts are {@code timeout}: every
   * connection opened and was closed by the server, none before its timeout ran out and none later
   * than {@code slackMillis} after it (a connection may wait in the accept backlog before the server
   * starts its timer), normal requests were answered while the flood was held, and the server's
   * threads grew by at most {@code maxNewThreads}, during the flood and after.
   */
  public static void assertClosedByTimeouts(Result r, int idle, int heads, Duration timeout, long slackMillis,
      int maxNewThreads) {
    long t = timeout.toMillis();
    check(r.idleOpened() == idle && r.headsOpened() == heads && r.failed() == 0, "every connection opens", r);
    check(r.idleClosed() == idle, "every idle connection is closed by the server", r);
    check(r.headsClosed() == heads, "every half-sent head is closed by the server", r);
    // a timer may fire a few milliseconds early against the client's clock
    check(r.idleLifeMin() >= t - 50 && r.idleLifeMax() <= t + slackMillis, "idle connections close at the timeout", r);
    check(r.headLifeMin() >= t - 50 && r.headLifeMax() <= t + slackMillis, "half-sent heads close at the timeout", r);
    check(r.probes() > 0, "normal requests are answered during the flood", r);
    check(r.threadsBefore() > 0, "the server's threads are counted", r);
    check(r.threadsMax() - r.threadsBefore() <= maxNewThreads, "the server's thread count stays flat (peak)", r);
    check(r.threadsAfter() - r.threadsBefore() <= maxNewThreads, "the server's thread count stays flat (after)", r);
  }

  private static void check(boolean condition, String what, Result r) {
    if (!condition) {
      throw new AssertionError(what + ": " + r);
    }
  }

  /** The tools/call the probes send (the contract server's {@code echo}) and its exact answer. */
  public static final String ECHO_CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
      + "\"arguments\":{\"text\":\"still here\"},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
      + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
  /** The answer to {@link #ECHO_CALL} from a {@link ContractServer}. */
  public static final String ECHO_ANSWER = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"text\":\"still here\",\"type\":\"text\"}],"
      + "\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"contract\",\"version\":\"1.0.0\"}}}}";

  /** A normal request: the contract server's echo tool at {@code /mcp}, answered 200 with {@link #ECHO_ANSWER}. */
  public static void probeEcho(int port) throws IOException {
    RawHttp.Reply reply = RawHttp.post(port, "/mcp", ECHO_CALL, Map.of(
        "Content-Type", "application/json",
        "Accept", "application/json, text/event-stream",
        "MCP-Protocol-Version", "2026-07-28",
        "Mcp-Method", "tools/call",
        "Mcp-Name", "echo"), Duration.ofSeconds(10));
    if (reply.status() != 200 || !reply.body().equals(ECHO_ANSWER)) {
      throw new AssertionError("a normal request during the flood: " + reply);
    }
  }

  /** This process's limit on open files (Linux: /proc/self/limits), or Long.MAX_VALUE when unknown. */
  static long openFileLimit() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: let the flood find out
    }
    return Long.MAX_VALUE;
  }

  private static Matcher find(List<String> lines, Pattern p) {
    for (String line : lines) {
      Matcher m = p.matcher(line);
      if (m.matches()) {
        return m;
      }
    }
    return null;
  }
}
