package org.mcpkit.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  private static List<MediaRange> ranges(List<String> headers) {
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
    String major = type.substring(0, type.indexOf('/'));
    for (MediaRange r : ranges(headers)) {
      if (r.q() > 0 && (r.type().equals(type) || r.type().equals("*/*") || r.type().equals(major + "/*"))) {
        return true;
      }
    }
    return false;
  }
}
