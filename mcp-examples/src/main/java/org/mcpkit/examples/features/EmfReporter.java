package org.mcpkit.examples.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mcpkit.micrometer.McpMetrics;

/**
 * Writes a registry's meters as CloudWatch Embedded Metric Format lines (one JSON object per line),
 * which the CloudWatch agent or the ECS {@code awslogs} driver turn into CloudWatch metrics with no
 * AWS SDK and no credentials in the process. Each {@link #report()} writes, per meter with news:
 * counters and timers as what they counted since the last report ({@code <name>.count}, {@code
 * <name>.sum} and {@code <name>.max} in seconds for timers), gauges as their value, dimensioned by
 * the meter's tags. Roll-ups make alarms and scaling rules simple: operation durations are also
 * published by {@code mcp.method.name} and {@code error.type} and by {@code mcp.method.name} alone,
 * and each gauge also as one total with no dimensions (for example the open streams of this task).
 * Not thread-safe: report from one thread.
 */
public final class EmfReporter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MeterRegistry registry;
  private final String namespace;
  private final PrintStream out;
  private final Map<Meter.Id, double[]> previous = new HashMap<>();

  /** Reports {@code registry} into {@code namespace} on {@code out}. */
  public EmfReporter(MeterRegistry registry, String namespace, PrintStream out) {
    this.registry = registry;
    this.namespace = namespace;
    this.out = out;
  }

  /** Writes one report; returns the number of lines written. */
  public int report() {
    long now = registry.config().clock().wallTime();
    int lines = 0;
    Map<String, Double> gaugeTotals = new LinkedHashMap<>();
    for (Meter meter : registry.getMeters()) {
      Map<String, Double> values = new LinkedHashMap<>();
      Map<String, String> units = new LinkedHashMap<>();
      String name = meter.getId().getName();
      if (meter instanceof Counter c) {
        double delta = delta(meter.getId(), c.count(), 0)[0];
        if (delta > 0) {
          values.put(name, delta);
          units.put(name, "Count");
        }
      } else if (meter instanceof Timer t) {
        double[] d = delta(meter.getId(), t.count(), t.totalTime(TimeUnit.SECONDS));
        if (d[0] > 0) {
          values.put(name + ".count", d[0]);
          units.put(name + ".count", "Count");
          values.put(name + ".sum", d[1]);
          units.put(name + ".sum", "Seconds");
          values.put(name + ".max", t.max(TimeUnit.SECONDS));
          units.put(name + ".max", "Seconds");
        }
      } else if (meter instanceof Gauge g && !derived(meter.getId())) {
        double v = g.value();
        if (!Double.isNaN(v)) {
          values.put(name, v);
          units.put(name, "Count");
          gaugeTotals.merge(name, v, Double::sum);
        }
      }
      if (!values.isEmpty()) {
        write(now, meter.getId().getTags(), dimensionSets(meter.getId()), values, units);
        lines++;
      }
    }
    for (Map.Entry<String, Double> total : gaugeTotals.entrySet()) {
      write(now, List.of(), List.of(List.of()), Map.of(total.getKey(), total.getValue()), Map.of(total.getKey(), "Count"));
      lines++;
    }
    out.flush();
    return lines;
  }

  /** Whether a gauge only shows a bucket or percentile of a timer (registries without histograms add those). */
  private static boolean derived(Meter.Id id) {
    return id.getTag("le") != null || id.getTag("phi") != null;
  }

  /** The count (and sum) since the last report, remembering the new totals. */
  private double[] delta(Meter.Id id, double count, double sum) {
    double[] last = previous.getOrDefault(id, new double[2]);
    previous.put(id, new double[] {count, sum});
    return new double[] {count - last[0], sum - last[1]};
  }

  /** The meter's tag keys, plus the roll-ups of the operation timer. */
  private static List<List<String>> dimensionSets(Meter.Id id) {
    List<String> all = new ArrayList<>();
    for (Tag t : id.getTags()) {
      all.add(t.getKey());
    }
    if (id.getName().equals(McpMetrics.OPERATION_DURATION)) {
      return List.of(all, List.of(McpMetrics.METHOD_TAG, McpMetrics.ERROR_TAG), List.of(McpMetrics.METHOD_TAG));
    }
    return List.of(all);
  }

  private void write(long now, List<Tag> tags, List<List<String>> dimensions, Map<String, Double> values, Map<String, String> units) {
    ObjectNode line = JSON.createObjectNode();
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", now);
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", namespace);
    ArrayNode dims = directive.putArray("Dimensions");
    for (List<String> set : dimensions) {
      ArrayNode d = dims.addArray();
      set.forEach(d::add);
    }
    ArrayNode metrics = directive.putArray("Metrics");
    for (Map.Entry<String, String> u : units.entrySet()) {
      metrics.addObject().put("Name", u.getKey()).put("Unit", u.getValue());
    }
    for (Tag t : tags) {
      line.put(t.getKey(), t.getValue());
    }
    values.forEach(line::put);
    out.println(line);
  }
}
