package org.mcpkit.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an SSE body on a daemon thread and queues each frame: {@code ":"} for a comment frame, the
 * {@code data:} payload for an event, {@code "retry:N"} for a retry hint, {@code "id:X"} for an event with an id and no data (a
 * priming event), {@code "<eof>"} at the end. A typed reader prefixes each event's payload with
 * its type: {@code "endpoint /message?sessionId=..."}, {@code "message {...}"}.
 */
public final class SseReader implements AutoCloseable {
  /** Marks the end of the stream. */
  public static final String EOF = "<eof>";
  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final InputStream in;
  private volatile String lastEventId;
  private final boolean typed;
  private volatile boolean ids;

  /** Starts reading. */
  public SseReader(InputStream in) {
    this(in, false);
  }

  /**
   * A reader whose event frames carry their own id: {@code "<id> <data>"} (exact per frame, unlike
   * {@link #lastEventId()}, which the reading thread may already have moved past).
   */
  public static SseReader withIds(InputStream in) {
    SseReader r = new SseReader(in, false, true);
    return r;
  }

  private SseReader(InputStream in, boolean typed, boolean ids) {
    this.in = in;
    this.typed = typed;
    this.ids = ids;
    Thread t = new Thread(this::read, "sse-reader");
    t.setDaemon(true);
    t.start();
  }

  /** Starts reading; a typed reader prefixes event payloads with the event type and a space. */
  public SseReader(InputStream in, boolean typed) {
    this(in, typed, false);
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      StringBuilder data = new StringBuilder();
      boolean comment = false;
      String retry = null;
      String id = null;
      String type = "message";
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            if (id != null) {
              lastEventId = id;
            }
            frames.add(typed ? type + " " + data : ids && id != null ? id + " " + data : data.toString());
          } else if (id != null) {
            lastEventId = id;
            frames.add("id:" + id);
          } else if (retry != null) {
            frames.add("retry:" + retry);
          } else if (comment) {
            frames.add(":");
          }
          data.setLength(0);
          comment = false;
          retry = null;
          id = null;
          type = "message";
        } else if (line.startsWith(":")) {
          comment = true;
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          type = line.substring(6).trim();
        } else if (line.startsWith("retry:")) {
          retry = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    } catch (IOException e) {
      // the stream was cut: report the end
    } finally {
      frames.add(EOF);
    }
  }

  /** The next frame, waiting at most {@code seconds}; fails the test on timeout. */
  public String next(double seconds) throws InterruptedException {
    String f = frames.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    if (f == null) {
      throw new AssertionError("no SSE frame within " + seconds + " s");
    }
    return f;
  }

  /** The next frame that is not a comment or a priming event. */
  public String nextEvent(double seconds) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (true) {
      long left = deadline - System.nanoTime();
      String f = next(Math.max(0.001, left / 1e9));
      if (!f.equals(":") && !f.startsWith("id:")) {
        return f;
      }
    }
  }

  /** The id of the last event read (from any frame that carried one). */
  public String lastEventId() {
    return lastEventId;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
