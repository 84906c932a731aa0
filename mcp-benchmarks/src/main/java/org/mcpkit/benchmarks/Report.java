package org.mcpkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the result lines {@code run.sh} collected into one markdown table with medians over the
 * runs, ratios to the raw-Undertow ceiling of the same run and, for mcpkit rows, to the fastest
 * official-SDK and Quarkus peers of the same era in the same run.
 *
 * <pre>java -cp ... org.mcpkit.benchmarks.Report RESULTS_FILE</pre>
 */
public final class Report {
  private Report() {}

  private static Map<String, String> fields(String line) {
    Map<String, String> m = new HashMap<>();
    for (String kv : line.trim().split("\\s+")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  public static void main(String[] args) throws IOException {
    List<Map<String, String>> load = new ArrayList<>();
    List<Map<String, String>> mem = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      Map<String, String> f = fields(line);
      if (line.startsWith("LOAD ")) {
        load.add(f);
      } else if (line.startsWith("MEM ")) {
        mem.add(f);
      }
    }
    // ceiling per run and connection count
    Map<String, Map<String, String>> ceiling = new HashMap<>();
    for (Map<String, String> f : load) {
      if (f.get("server").equals("raw")) {
        ceiling.put(f.get("run") + "/" + f.get("conns"), f);
      }
    }
    Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
    for (Map<String, String> f : load) {
      rows.computeIfAbsent(f.get("server") + "|" + f.get("scenario") + "|" + f.get("conns"), k -> new ArrayList<>()).add(f);
    }
    boolean sdk = load.stream().anyMatch(f -> f.get("server").startsWith("sdk-"));
    boolean quarkus = load.stream().anyMatch(f -> f.get("server").startsWith("quarkus"));
    int runs = (int) load.stream().map(f -> f.get("run")).distinct().count();
    StringBuilder out = new StringBuilder();
    out.append("Medians of ").append(runs).append(" run(s); ratios are to the raw-Undertow ceiling at the same connection count in the same run (median of the per-run ratios).");
    if (sdk) {
      out.append(" x SDK (mcpkit rows): to the fastest official-SDK configuration of the same era at the same connection count in the same run (2026-07-28: `sdk-modern`; 2025: the faster of `sdk-session` and `sdk-stateless`).");
    }
    if (quarkus) {
      out.append(" x Quarkus (mcpkit rows): to the faster Quarkus kind (`quarkus`, `quarkus-nonblocking`) likewise; 2025 session rows against its session wire, 2026-07-28 rows against its fastest wire (it has no 2026-07-28 wire).");
    }
    out.append("\n\n| Scenario | Server | Conns | req/s | x ceiling |");
    out.append(sdk ? " x SDK |" : "").append(quarkus ? " x Quarkus |" : "");
    out.append(" p50 ms | p99 ms | p99 x ceiling |\n");
    out.append("| --- | --- | ---: | ---: | ---: |").append(sdk ? " ---: |" : "").append(quarkus ? " ---: |" : "");
    out.append(" ---: | ---: | ---: |\n");
    for (List<Map<String, String>> group : rows.values()) {
      List<Double> rps = new ArrayList<>();
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      List<Double> ratio = new ArrayList<>();
      List<Double> p99ratio = new ArrayList<>();
      List<Double> sdkRatio = new ArrayList<>();
      List<Double> quarkusRatio = new ArrayList<>();
      for (Map<String, String> f : group) {
        double r = Double.parseDouble(f.get("rps"));
        rps.add(r);
        p50.add(Double.parseDouble(f.get("p50_us")) / 1000);
        p99.add(Double.parseDouble(f.get("p99_us")) / 1000);
        Map<String, String> c = ceiling.get(f.get("run") + "/" + f.get("conns"));
        if (c != null) {
          ratio.add(r / Double.parseDouble(c.get("rps")));
          p99ratio.add(Double.parseDouble(f.get("p99_us")) / Double.parseDouble(c.get("p99_us")));
        }
        if (isMcpkit(f.get("server"))) {
          double s = best(load, f, Report::sdkBaseline);
          if (s > 0) {
            sdkRatio.add(r / s);
          }
          double q = best(load, f, Report::quarkusBaseline);
          if (q > 0) {
            quarkusRatio.add(r / q);
          }
        }
      }
      Map<String, String> first = group.get(0);
      out.append(String.format(
          "| %s | %s | %s | %,.0f | %.2f |",
          label(first.get("scenario"), first.get("server")), serverLabel(first.get("server")), first.get("conns"),
          median(rps), median(ratio)));
      if (sdk) {
        out.append(ratioCell(sdkRatio));
      }
      if (quarkus) {
        out.append(ratioCell(quarkusRatio));
      }
      out.append(String.format(" %.2f | %.2f | %.2f |%n", median(p50), median(p99), median(p99ratio)));
    }
    storeRatios(load, out);
    authRatios(load, out);
    if (!mem.isEmpty()) {
      out.append("\n| Memory scenario | Server | Instances | Count | heap after GC, per item | in Redis, per item"
          + " | threads before / open | fan-out of one notification |\n");
      out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
      for (Map<String, String> f : mem) {
        groups.computeIfAbsent(f.get("scenario") + "|" + f.get("server"), k -> new ArrayList<>()).add(f);
      }
      for (List<Map<String, String>> group : groups.values()) {
        Map<String, String> first = group.get(0);
        double perItem = median(group.stream().map(f -> Double.parseDouble(f.get("bytes_per_item"))).toList());
        double tb = median(group.stream().map(f -> Double.parseDouble(f.get("threads_base"))).toList());
        double to = median(group.stream().map(f -> Double.parseDouble(f.get("threads_open"))).toList());
        double fan = median(group.stream().map(f -> Double.parseDouble(f.get("fanout_ms"))).toList());
        boolean streams = first.get("scenario").equals("streams");
        String redis = first.containsKey("redis_bytes_per_item")
            ? String.format("%.0f B", median(group.stream().map(f -> Double.parseDouble(f.get("redis_bytes_per_item"))).toList()))
            : "n/a";
        out.append(String.format(
            "| %s | %s | %s | %s | %.2f KiB | %s | %.0f / %.0f | %s |%n",
            streams ? "5. open `subscriptions/listen` streams" : "6. idle legacy sessions",
            serverLabel(first.get("server")), first.getOrDefault("instances", "1"), first.get("count"),
            perItem / 1024, redis, tb, to, streams ? String.format("%.0f ms", fan) : "n/a"));
      }
    }
    System.out.print(out);
  }

  /**
   * For each row served from Redis ({@code <server>+redis}): its throughput against the same server
   * with the in-memory stores, same scenario, connections and run (median of the per-run ratios).
   */
  private static void storeRatios(List<Map<String, String>> load, StringBuilder out) {
    variantRatios(load, out, "redis", "Redis stores against in memory");
  }

  /**
   * For each row with bearer-token auth on ({@code <server>+auth}, {@code run.sh AUTH=on}): its
   * throughput against the same server with auth off, same scenario, connections and run.
   */
  private static void authRatios(List<Map<String, String>> load, StringBuilder out) {
    variantRatios(load, out, "auth", "auth on against off");
  }

  /**
   * For each row whose server label has the {@code +variant} part: its throughput against the row
   * of the same label without that part, same scenario, connections and run (median of the per-run
   * ratios), as one table headed {@code column}, with the server CPU time per request of both
   * (medians) where the rows have it; nothing when no row has the part.
   */
  static void variantRatios(List<Map<String, String>> load, StringBuilder out, String variant, String column) {
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    Map<String, List<Double>> baseCpu = new LinkedHashMap<>();
    Map<String, List<Double>> variantCpu = new LinkedHashMap<>();
    for (Map<String, String> f : load) {
      String base = without(f.get("server"), variant);
      if (base == null) {
        continue;
      }
      for (Map<String, String> g : load) {
        if (g.get("server").equals(base) && g.get("scenario").equals(f.get("scenario"))
            && g.get("conns").equals(f.get("conns")) && g.get("run").equals(f.get("run"))) {
          String row = label(f.get("scenario"), base) + " | " + base + " | " + f.get("conns");
          ratios.computeIfAbsent(row, k -> new ArrayList<>())
              .add(Double.parseDouble(f.get("rps")) / Double.parseDouble(g.get("rps")));
          if (f.containsKey("server_cpu_us") && g.containsKey("server_cpu_us")) {
            baseCpu.computeIfAbsent(row, k -> new ArrayList<>()).add(Double.parseDouble(g.get("server_cpu_us")));
            variantCpu.computeIfAbsent(row, k -> new ArrayList<>()).add(Double.parseDouble(f.get("server_cpu_us")));
          }
        }
      }
    }
    if (ratios.isEmpty()) {
      return;
    }
    out.append("\n| Scenario | Server | Conns | ").append(column)
        .append(" | server CPU per request, without / with (µs) |\n| --- | --- | ---: | ---: | ---: |\n");
    ratios.forEach((row, r) -> out.append(String.format("| %s | %.2f | %s |%n", row, median(r),
        baseCpu.containsKey(row)
            ? String.format("%.0f / %.0f", median(baseCpu.get(row)), median(variantCpu.get(row)))
            : "n/a")));
  }

  /** {@code server} without its {@code +variant} part ({@code undertow+auth+redis}, auth: {@code undertow+redis}); null if it has none. */
  static String without(String server, String variant) {
    String[] parts = server.split("\\+");
    StringBuilder base = new StringBuilder(parts[0]);
    boolean found = false;
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].equals(variant)) {
        found = true;
      } else {
        base.append('+').append(parts[i]);
      }
    }
    return found ? base.toString() : null;
  }

  private static String ratioCell(List<Double> ratios) {
    return ratios.isEmpty() ? " |" : String.format(" %.2f |", median(ratios));
  }

  /** A row of mcpkit itself (one of its transports, observed or not), not the ceiling or a peer. */
  static boolean isMcpkit(String server) {
    return !server.equals("raw") && !server.startsWith("sdk-") && !server.startsWith("quarkus")
        && !server.equals("jetty-raw");
  }

  /** Whether {@code peer} is a baseline of the same era for an mcpkit row in {@code scenario}. */
  interface Baseline {
    boolean matches(String scenario, Map<String, String> peer);
  }

  static boolean sdkBaseline(String scenario, Map<String, String> peer) {
    String server = peer.get("server");
    String s = peer.get("scenario");
    return switch (scenario) {
      case "modern" -> server.equals("sdk-modern") && s.equals("modern");
      case "legacy" -> (server.equals("sdk-session") && s.equals("legacy"))
          || (server.equals("sdk-stateless") && s.equals("stateless"));
      default -> false; // the SSE progress scenario has no peer
    };
  }

  static boolean quarkusBaseline(String scenario, Map<String, String> peer) {
    if (!peer.get("server").startsWith("quarkus")) {
      return false;
    }
    return switch (scenario) {
      case "modern" -> true;
      case "legacy" -> peer.get("scenario").equals("legacy");
      default -> false;
    };
  }

  /** The highest throughput among the baselines in the run and at the connection count of {@code row}; 0 if none. */
  static double best(List<Map<String, String>> load, Map<String, String> row, Baseline baseline) {
    double best = 0;
    for (Map<String, String> f : load) {
      if (f.get("run").equals(row.get("run")) && f.get("conns").equals(row.get("conns"))
          && baseline.matches(row.get("scenario"), f)) {
        best = Math.max(best, Double.parseDouble(f.get("rps")));
      }
    }
    return best;
  }

  private static String serverLabel(String server) {
    return switch (server) {
      case "raw" -> "raw Undertow handler";
      case "undertow" -> "Undertow transport";
      case "jetty" -> "servlet transport, Jetty 12";
      case "sdk-session" -> "official SDK 2.2.0, 2025 session stack, Jetty 12";
      case "sdk-stateless" -> "official SDK 2.2.0, 2025 stateless transport, Jetty 12";
      case "sdk-modern" -> "official SDK 2.2.0, 2026-07-28 modern stack, Jetty 12";
      case "quarkus" -> "Quarkus MCP server 1.13.0, worker-thread tool";
      case "quarkus-nonblocking" -> "Quarkus MCP server 1.13.0, `@NonBlocking` tool";
      case "jetty-raw" -> "raw Jetty 12 servlet";
      default -> {
        int plus = server.indexOf('+'); // <server>+<observers or store>: the transport's name, then what was added
        yield plus > 0 ? serverLabel(server.substring(0, plus)) + server.substring(plus).replace("+", ", + ") : server;
      }
    };
  }

  private static String label(String scenario, String server) {
    return switch (scenario) {
      case "modern" -> server.equals("raw") || server.equals("jetty-raw")
          ? "4. ceiling: fixed JSON-RPC result" : "1. `tools/call` echo, JSON";
      case "sse" -> "2. `tools/call` + 3 progress, SSE";
      case "legacy" -> "3. legacy session `tools/call`";
      case "stateless" -> "3s. 2025-11-25 `tools/call`, no session";
      default -> scenario;
    };
  }

}
