package org.mcpkit.examples.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inspects the feature tour's image tarball built by Jib ({@code -Pimage}, system property {@code
 * image.tar}): a non-root user, the exec-form entrypoint with the JVM flags, the exposed port and
 * the environment the tour reads, the platform, and the application layers in cache-friendly order.
 */
class ImageTarIT {
  private static final ObjectMapper M = new ObjectMapper();
  private static final List<String> APP_LAYERS =
      List.of("dependencies", "snapshot dependencies", "resources", "classes", "jvm arg files");
  private static Map<String, byte[]> outer;
  private static JsonNode manifest;
  private static JsonNode config;

  @BeforeAll
  static void read() throws IOException {
    Path tar = Path.of(System.getProperty("image.tar", "target/jib-image.tar"));
    try (InputStream in = Files.newInputStream(tar)) {
      outer = entries(in);
    }
    manifest = M.readTree(outer.get("manifest.json"));
    assertEquals(1, manifest.size(), "one image in the tarball");
    config = M.readTree(outer.get(manifest.get(0).get("Config").asText()));
  }

  @Test
  void runsAsANonRootUser() {
    assertEquals("65532:65532", config.get("config").get("User").asText());
  }

  @Test
  void theJvmIsPidOneWithTheMemoryFlags() {
    List<String> entrypoint = strings(config.get("config").get("Entrypoint"));
    assertEquals(
        List.of("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-cp", "@/app/jib-classpath-file",
            "org.mcpkit.examples.features.FeatureTour"),
        entrypoint, "exec form: no shell between the container runtime and the JVM");
    assertTrue(config.get("config").path("Cmd").isMissingNode() || config.get("config").get("Cmd").isNull()
        || config.get("config").get("Cmd").isEmpty(), "no Cmd appended to the entrypoint: " + config.get("config").get("Cmd"));
  }

  @Test
  void exposesThePortTheEnvironmentNames() {
    assertEquals(List.of("8080/tcp"), fieldNames(config.get("config").get("ExposedPorts")));
    List<String> env = strings(config.get("config").get("Env"));
    assertTrue(env.containsAll(List.of("MCP_HOST=0.0.0.0", "MCP_PORT=8080", "MCP_PATH=/mcp")), env.toString());
  }

  @Test
  void targetsTheConfiguredPlatform() {
    assertEquals("linux", config.get("os").asText());
    assertEquals(System.getProperty("image.arch", "amd64"), config.get("architecture").asText());
  }

  @Test
  void applicationLayersComeLastInCacheFriendlyOrder() throws IOException {
    List<String> comments = new ArrayList<>();
    for (JsonNode h : config.get("history")) {
      if (!h.path("empty_layer").asBoolean(false)) {
        comments.add(h.path("comment").asText(""));
      }
    }
    assertTrue(comments.size() >= APP_LAYERS.size(), comments.toString());
    assertEquals(APP_LAYERS, comments.subList(comments.size() - APP_LAYERS.size(), comments.size()));
    List<String> layers = strings(manifest.get(0).get("Layers"));
    assertEquals(config.get("rootfs").get("diff_ids").size(), layers.size(), "one diff id per layer");
    int first = layers.size() - APP_LAYERS.size();
    Map<String, byte[]> deps = layer(layers.get(first));
    assertTrue(deps.keySet().stream().anyMatch(n -> n.matches("app/libs/jackson-databind-.*\\.jar")), deps.keySet().toString());
    assertTrue(deps.keySet().stream().noneMatch(n -> n.contains("SNAPSHOT")), "released jars only: " + deps.keySet());
    Map<String, byte[]> snapshots = layer(layers.get(first + 1));
    assertTrue(snapshots.containsKey("app/libs/mcp-core-0.1.0-SNAPSHOT.jar"), snapshots.keySet().toString());
    assertTrue(snapshots.containsKey("app/libs/mcp-transport-undertow-0.1.0-SNAPSHOT.jar"), snapshots.keySet().toString());
    Map<String, byte[]> classes = layer(layers.get(first + 3));
    assertTrue(classes.containsKey("app/classes/org/mcpkit/examples/features/FeatureTour.class"), classes.keySet().toString());
    Map<String, byte[]> args = layer(layers.get(first + 4));
    assertEquals("org.mcpkit.examples.features.FeatureTour",
        new String(args.get("app/jib-main-class-file"), StandardCharsets.UTF_8).trim());
    String classpath = new String(args.get("app/jib-classpath-file"), StandardCharsets.UTF_8).trim();
    assertTrue(classpath.startsWith("/app/resources:/app/classes:/app/libs/"), classpath);
  }

  private static Map<String, byte[]> layer(String name) throws IOException {
    byte[] gz = outer.get(name);
    assertTrue(gz != null, "layer " + name + " in the tarball");
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return entries(in);
    }
  }

  /** The regular files of a POSIX tar stream (extension headers skipped), by name. */
  private static Map<String, byte[]> entries(InputStream in) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    byte[] header = new byte[512];
    while (in.readNBytes(header, 0, 512) == 512) {
      if (header[0] == 0) {
        break; // end-of-archive block
      }
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
      byte type = header[156];
      byte[] data = in.readNBytes((int) size);
      assertEquals(size, data.length, "truncated tar entry " + name);
      in.readNBytes((int) ((512 - size % 512) % 512));
      if (type == '0' || type == 0) {
        files.put(name, data);
      }
    }
    return files;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
