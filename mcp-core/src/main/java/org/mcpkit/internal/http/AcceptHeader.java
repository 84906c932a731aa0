package org.mcpkit.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content negotiation: the media ranges of the {@code Accept} headers with their q-values, whether
 * a media type is acceptable, and whether the client prefers SSE to JSON.
 */
final class AcceptHeader {
  static final String JSON = "application/json";
  static final String SSE = "text/event-stream";

  /** One media range of an Accept header: its type and q-value, in order of appearance. */
  private record MediaRange(String type, double q) {}

  private AcceptHeader() {}

  /** The media type of a Content-Type value, lower case, without parameters. */
  static String mediaType(String value) {
    int semi = value.indexOf(';');
    return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Parsed single Accept values, by the exact value: clients send the same one on every request.
   * Bounded: past {@value #CACHED_VALUES} distinct values new ones are parsed and not kept, so a
   * client inventing values cannot grow it.
   */
  private static final Map<String, List<MediaRange>> PARSED = new ConcurrentHashMap<>();
  private static final int CACHED_VALUES = 64;
  private static final int CACHED_LENGTH = 256;

  private static List<MediaRange> ranges(List<String> headers) {
    if (headers.size() == 1) {
      String header = headers.get(0);
      List<MediaRange> cached = PARSED.get(header);
      if (cached != null) {
        return cached;
      }
      List<MediaRange> parsed = List.copyOf(parse(headers));
      if (header.length() <= CACHED_LENGTH && PARSED.size() < CACHED_VALUES) {
        PARSED.putIfAbsent(header, parsed);
      }
      return parsed;
    }
    return parse(headers);
  }

  private static List<MediaRange> parse(List<String> headers) {
    List<MediaRange> ranges = new ArrayList<>();
    for (String header : headers) {
      for (String range : header.split(",")) {
        String[] parts = range.split(";");
        double q = 1.0;
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i].trim();
          if (p.startsWith("q=")) {
            try {
              q = Double.parseDouble(p.substring(2).trim());
            } catch (NumberFormatException e) {
              q = 0;
            }
          }
        }
        ranges.add(new MediaRange(parts[0].trim().toLowerCase(Locale.ROOT), q));
      }
    }
    return ranges;
  }

  /**
   * Whether the client prefers SSE: text/event-stream has a higher q-value than application/json,
   * or the same q-value and is listed first.
   */
  static boolean prefersSse(List<String> headers) {
    List<MediaRange> ranges = ranges(headers);
    int sse = -1;
    int json = -1;
    for (int i = 0; i < ranges.size(); i++) {
      if (sse < 0 && ranges.get(i).type().equals(SSE)) {
        sse = i;
      } else if (json < 0 && ranges.get(i).type().equals(JSON)) {
        json = i;
      }
    }
    if (sse < 0 || ranges.get(sse).q() <= 0) {
      return false;
    }
    if (json < 0) {
      return true;
    }
    double sq = ranges.get(sse).q();
    double jq = ranges.get(json).q();
    return sq > jq || (sq == jq && sse < json);
  }

  /** Whether the Accept headers allow the media type (with q-values; q=0 refuses). */
  static boolean accepts(List<String> headers, String type) {
    int slash = type.indexOf('/');
    List<MediaRange> ranges = ranges(headers);
    for (int i = 0; i < ranges.size(); i++) {
      MediaRange r = ranges.get(i);
      String t = r.type();
      boolean majorWildcard = t.length() == slash + 2 && t.endsWith("/*") && t.regionMatches(0, type, 0, slash);
      if (r.q() > 0 && (t.equals(type) || t.equals("*/*") || majorWildcard)) {
        return true;
      }
    }
    return false;
  }
}
