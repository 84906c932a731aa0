package org.mcpkit.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of mcp-core, read off its sources: internal packages may use the API packages; an API
 * type reaches into {@code internal} only to delegate to its implementation (the facades and
 * default factories listed here); apart from those edges no two packages depend on each other in a
 * cycle; and no main source file grows past 600 lines.
 */
class PackageLayersTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.mcpkit(?:\\.[a-z]\\w*)+)\\.[A-Z]");
  private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  /** API types that delegate into internal packages, and the one package each reaches. */
  private static final Set<String> DELEGATIONS =
      Set.of(
          "McpServer -> org.mcpkit.internal.dispatch", // builder() builds ServerImpl
          "McpServer -> org.mcpkit.internal.annotation", // annotated(): specs read off methods
          "McpException -> org.mcpkit.internal.json", // ClientText: client input in messages, sanitized
          "NotificationBus -> org.mcpkit.internal.dispatch", // inMemory()
          "ToolSpec -> org.mcpkit.internal.schema", // typed(): schema and binder of a record
          "McpServer -> org.mcpkit.internal.schema", // build(): picks the schema validator
          "SchemaValidatorProvider -> org.mcpkit.internal.schema", // builtIn()
          "RequestStateCodec -> org.mcpkit.internal.seal", // hmacSha256(), aesGcm()
          "SealingKeys -> org.mcpkit.internal.seal", // rotating()
          "UriTemplate -> org.mcpkit.internal.uri", // parser, expander, matcher
          "McpHttpEndpoint -> org.mcpkit.internal.dispatch", // the server's dispatcher
          "McpHttpEndpoint -> org.mcpkit.internal.http", // the engine behind the facade
          "EventStore -> org.mcpkit.internal.http", // inMemory()
          "SessionStore -> org.mcpkit.internal.http", // inMemory()
          "SessionBus -> org.mcpkit.internal.http", // inMemory()
          "TaskStore -> org.mcpkit.internal.task", // inMemory()
          "SkillDirectory -> org.mcpkit.internal.skill", // load(): the scan and index behind the facade
          "StdioTransport -> org.mcpkit.internal.dispatch", // the server's dispatcher
          "StdioTransport -> org.mcpkit.internal.stdio"); // the loop behind the facade

  private static final Map<String, Set<String>> edges = new TreeMap<>();
  private static final Set<String> apiToInternal = new TreeSet<>();
  private static final Map<String, Long> lines = new TreeMap<>();

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String name = file.getFileName().toString();
        if (name.equals("package-info.java") || name.equals("module-info.java")) {
          continue;
        }
        String text = Files.readString(file);
        lines.put(SOURCES.relativize(file).toString(), text.lines().count());
        Matcher p = PACKAGE.matcher(text);
        assertTrue(p.find(), file + " has a package");
        String pkg = p.group(1);
        Matcher r = REFERENCE.matcher(COMMENTS.matcher(text).replaceAll(""));
        while (r.find()) {
          String target = r.group(1);
          if (target.equals(pkg)) {
            continue;
          }
          edges.computeIfAbsent(pkg, k -> new TreeSet<>()).add(target);
          if (!internal(pkg) && internal(target)) {
            apiToInternal.add(name.substring(0, name.length() - 5) + " -> " + target);
          }
        }
      }
    }
  }

  private static boolean internal(String pkg) {
    return pkg.startsWith("org.mcpkit.internal");
  }

  @Test
  void apiTypesReachIntoInternalOnlyToDelegate() {
    assertEquals(new TreeSet<>(DELEGATIONS), apiToInternal);
  }

  @Test
  void noCycleBetweenPackagesApartFromDelegation() {
    Map<String, Set<String>> graph = new TreeMap<>();
    edges.forEach((from, to) -> {
      for (String t : to) {
        if (internal(from) || !internal(t)) {
          graph.computeIfAbsent(from, k -> new TreeSet<>()).add(t);
        }
      }
    });
    List<String> cycle = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String start : graph.keySet()) {
      if (findCycle(graph, start, new ArrayList<>(), done, cycle)) {
        break;
      }
    }
    assertEquals(List.of(), cycle, "a cycle between packages");
    assertTrue(graph.get("org.mcpkit.internal.http").contains("org.mcpkit.internal.dispatch"), "the graph was read");
  }

  private static boolean findCycle(
      Map<String, Set<String>> graph, String node, List<String> path, Set<String> done, List<String> cycle) {
    int at = path.indexOf(node);
    if (at >= 0) {
      cycle.addAll(path.subList(at, path.size()));
      cycle.add(node);
      return true;
    }
    if (done.contains(node)) {
      return false;
    }
    path.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      if (findCycle(graph, next, path, done, cycle)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    done.add(node);
    return false;
  }

  @Test
  void noMainSourceFileOver600Lines() {
    Map<String, Long> long600 = new TreeMap<>();
    lines.forEach((file, n) -> {
      if (n > 600) {
        long600.put(file, n);
      }
    });
    assertEquals(Map.of(), long600);
    assertTrue(lines.size() > 100, "the sources were read");
  }
}
