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
 * runs and ratios to the raw-Undertow ceiling of the same run.
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
    int runs = (int) load.stream().map(f -> f.get("run")).distinct().count();
    StringBuilder out = new StringBuilder();
    out.append("Medians of ").append(runs).append(" run(s); ratios are to the raw-Undertow ceiling at the same connection count in the same run (median of the per-run ratios).\n\n");
    out.append("| Scenario | Server | Conns | req/s | x ceiling | p50 ms | p99 ms | p99 x ceiling |\n");
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (List<Map<String, String>> group : rows.values()) {
      List<Double> rps = new ArrayList<>();
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      List<Double> ratio = new ArrayList<>();
      List<Double> p99ratio = new ArrayList<>();
      for (Map<String, String> f : group) {
        rps.add(Double.parseDouble(f.get("rps")));
        p50.add(Double.parseDouble(f.get("p50_us")) / 1000);
        p99.add(Double.parseDouble(f.get("p99_us")) / 1000);
        Map<String, String> c = ceiling.get(f.get("run") + "/" + f.get("conns"));
        if (c != null) {
          ratio.add(Double.parseDouble(f.get("rps")) / Double.parseDouble(c.get("rps")));
          p99ratio.add(Double.parseDouble(f.get("p99_us")) / Double.parseDouble(c.get("p99_us")));
        }
      }
      Map<String, String> first = group.get(0);
      out.append(String.format(
          "| %s | %s | %s | %,.0f | %.2f | %.2f | %.2f | %.2f |%n",
          label(first.get("scenario"), first.get("server")), serverLabel(first.get("server")), first.get("conns"),
          median(rps), median(ratio), median(p50), median(p99), median(p99ratio)));
    }
    if (!mem.isEmpty()) {
      out.append("\n| Memory scenario | Server | Count | heap after GC, per item | threads before / open | fan-out of one notification |\n");
      out.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
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
        out.append(String.format(
            "| %s | %s | %s | %.2f KiB | %.0f / %.0f | %s |%n",
            streams ? "5. open `subscriptions/listen` streams" : "6. idle legacy sessions",
            serverLabel(first.get("server")), first.get("count"), perItem / 1024, tb, to,
            streams ? String.format("%.0f ms", fan) : "n/a"));
      }
    }
    System.out.print(out);
  }

  private static String serverLabel(String server) {
    return switch (server) {
      case "raw" -> "raw Undertow handler";
      case "undertow" -> "Undertow transport";
      case "jetty" -> "servlet transport, Jetty 12";
      default -> server;
    };
  }

  private static String label(String scenario, String server) {
    return switch (scenario) {
      case "modern" -> server.equals("raw") ? "4. ceiling: fixed JSON-RPC result" : "1. `tools/call` echo, JSON";
      case "sse" -> "2. `tools/call` + 3 progress, SSE";
      case "legacy" -> "3. legacy session `tools/call`";
      default -> scenario;
    };
  }

}
