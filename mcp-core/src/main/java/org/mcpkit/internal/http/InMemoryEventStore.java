package org.mcpkit.internal.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.mcpkit.server.http.EventStore;

/**
 * {@link EventStore} in memory; event ids are {@code stream.seq}. Bounded three ways: at most
 * {@code maxEventsPerStream} events per stream (the oldest go first), no event older than {@code
 * maxAge}, and at most {@code maxStreams} streams (the least recently appended-to goes first).
 * Streams are kept in append order, so expiry and eviction only ever look at the oldest entries;
 * no operation scans every stream. One lock: every operation is a few map and deque steps.
 */
public final class InMemoryEventStore implements EventStore {
  private final int maxPerStream;
  private final long maxAgeNanos;
  private final int maxStreams;
  private final LongSupplier clock;
  private final Object lock = new Object();
  /** In order of the last append: the eldest stream is the first to age out or be evicted. */
  private final LinkedHashMap<String, StreamLog> streams = new LinkedHashMap<>(16, 0.75f, false);
  private final Map<String, Set<String>> bySession = new HashMap<>();

  private record Entry(long seq, byte[] message, long time) {}

  private static final class StreamLog {
    final ArrayDeque<Entry> events = new ArrayDeque<>();
    long next;
    long touched;
  }

  /** A store with the given per-stream count and age bounds and at most 10,000 streams. */
  public InMemoryEventStore(int maxEventsPerStream, Duration maxAge) {
    this(maxEventsPerStream, maxAge, 10_000);
  }

  /** A store with the given bounds. */
  public InMemoryEventStore(int maxEventsPerStream, Duration maxAge, int maxStreams) {
    this(maxEventsPerStream, maxAge, maxStreams, System::nanoTime);
  }

  InMemoryEventStore(int maxEventsPerStream, Duration maxAge, int maxStreams, LongSupplier clock) {
    if (maxEventsPerStream < 1) {
      throw new IllegalArgumentException("maxEventsPerStream must be positive");
    }
    if (maxStreams < 1) {
      throw new IllegalArgumentException("maxStreams must be positive");
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive");
    }
    this.maxPerStream = maxEventsPerStream;
    this.maxAgeNanos = maxAge.toNanos();
    this.maxStreams = maxStreams;
    this.clock = clock;
  }

  @Override
  public String append(String streamId, byte[] message) {
    if (streamId.isEmpty() || streamId.indexOf('.') >= 0) {
      throw new IllegalArgumentException("stream ids must be non-empty and must not contain '.'");
    }
    long now = clock.getAsLong();
    synchronized (lock) {
      expire(now);
      StreamLog log = streams.remove(streamId); // re-inserted last: append order
      if (log == null) {
        log = new StreamLog();
        bySession.computeIfAbsent(sessionOf(streamId), k -> new HashSet<>()).add(streamId);
      }
      streams.put(streamId, log);
      long seq = ++log.next;
      log.events.addLast(new Entry(seq, message, now));
      while (log.events.size() > maxPerStream) {
        log.events.removeFirst();
      }
      log.touched = now;
      while (streams.size() > maxStreams) {
        removeEldest();
      }
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
    synchronized (lock) {
      expire(clock.getAsLong());
      return streams.containsKey(stream) ? Optional.of(stream) : Optional.empty();
    }
  }

  @Override
  public List<Event> after(String eventId) {
    int dot = eventId.lastIndexOf('.');
    if (dot <= 0) {
      return List.of();
    }
    String stream = eventId.substring(0, dot);
    long seq;
    try {
      seq = Long.parseLong(eventId.substring(dot + 1));
    } catch (NumberFormatException e) {
      return List.of();
    }
    List<Event> out = new ArrayList<>();
    synchronized (lock) {
      long now = clock.getAsLong();
      expire(now);
      StreamLog log = streams.get(stream);
      if (log == null) {
        return List.of();
      }
      for (Entry e : log.events) {
        if (e.seq() > seq && now - e.time() <= maxAgeNanos) {
          out.add(new Event(stream + "." + e.seq(), e.message()));
        }
      }
    }
    return out;
  }

  @Override
  public void removeSession(String sessionId) {
    synchronized (lock) {
      Set<String> owned = bySession.remove(sessionId);
      if (owned != null) {
        for (String stream : owned) {
          streams.remove(stream);
        }
      }
    }
  }

  /** Number of streams kept (tests, metrics). */
  public int streamCount() {
    synchronized (lock) {
      expire(clock.getAsLong());
      return streams.size();
    }
  }

  /** Drops streams whose newest event is older than the maximum age: the eldest first, stops at a live one. */
  private void expire(long now) {
    for (Iterator<Map.Entry<String, StreamLog>> it = streams.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, StreamLog> e = it.next();
      if (now - e.getValue().touched <= maxAgeNanos) {
        break; // older events of live streams are filtered on read and trimmed by the count bound
      }
      it.remove();
      unindex(e.getKey());
    }
  }

  private void removeEldest() {
    Iterator<Map.Entry<String, StreamLog>> it = streams.entrySet().iterator();
    Map.Entry<String, StreamLog> eldest = it.next();
    it.remove();
    unindex(eldest.getKey());
  }

  private void unindex(String streamId) {
    String session = sessionOf(streamId);
    Set<String> owned = bySession.get(session);
    if (owned != null) {
      owned.remove(streamId);
      if (owned.isEmpty()) {
        bySession.remove(session);
      }
    }
  }

  /** The session part of a stream id ({@code <sessionId>~<random>}); the whole id for other shapes. */
  private static String sessionOf(String streamId) {
    int tilde = streamId.lastIndexOf('~');
    return tilde < 0 ? streamId : streamId.substring(0, tilde);
  }
}
