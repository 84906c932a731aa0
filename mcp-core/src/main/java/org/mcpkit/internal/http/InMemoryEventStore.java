package org.mcpkit.internal.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mcpkit.server.http.EventStore;

/** {@link EventStore} in memory: a bounded deque per stream; event ids are {@code stream.seq}. */
public final class InMemoryEventStore implements EventStore {
  private final int maxPerStream;
  private final long maxAgeNanos;
  private final Map<String, StreamLog> streams = new ConcurrentHashMap<>();

  private static final class StreamLog {
    final ArrayDeque<Object[]> events = new ArrayDeque<>(); // {seq(Long), message(byte[]), time(Long)}
    long next;
    volatile long touched = System.nanoTime();
  }

  /** Creates a store with the given bounds. */
  public InMemoryEventStore(int maxEventsPerStream, Duration maxAge) {
    if (maxEventsPerStream < 1) {
      throw new IllegalArgumentException("maxEventsPerStream must be positive");
    }
    this.maxPerStream = maxEventsPerStream;
    this.maxAgeNanos = maxAge.toNanos();
  }

  @Override
  public String append(String streamId, byte[] message) {
    if (streamId.indexOf('.') >= 0) {
      throw new IllegalArgumentException("stream ids must not contain '.'");
    }
    long now = System.nanoTime();
    streams.values().removeIf(s -> now - s.touched > maxAgeNanos);
    StreamLog log = streams.computeIfAbsent(streamId, k -> new StreamLog());
    synchronized (log) {
      long seq = ++log.next;
      log.events.addLast(new Object[] {seq, message, now});
      while (log.events.size() > maxPerStream) {
        log.events.removeFirst();
      }
      log.touched = now;
      return streamId + "." + seq;
    }
  }

  @Override
  public Optional<String> streamOf(String eventId) {
    int dot = eventId.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String stream = eventId.substring(0, dot);
    return streams.containsKey(stream) ? Optional.of(stream) : Optional.empty();
  }

  @Override
  public List<Event> after(String eventId) {
    int dot = eventId.lastIndexOf('.');
    if (dot <= 0) {
      return List.of();
    }
    StreamLog log = streams.get(eventId.substring(0, dot));
    long seq;
    try {
      seq = Long.parseLong(eventId.substring(dot + 1));
    } catch (NumberFormatException e) {
      return List.of();
    }
    if (log == null) {
      return List.of();
    }
    List<Event> out = new ArrayList<>();
    String stream = eventId.substring(0, dot);
    synchronized (log) {
      for (Iterator<Object[]> it = log.events.iterator(); it.hasNext(); ) {
        Object[] e = it.next();
        if ((Long) e[0] > seq) {
          out.add(new Event(stream + "." + e[0], (byte[]) e[1]));
        }
      }
    }
    return out;
  }
}
