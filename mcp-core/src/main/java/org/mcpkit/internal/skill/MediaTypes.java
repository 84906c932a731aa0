package org.mcpkit.internal.skill;

import java.util.Locale;
import java.util.Map;

/** The MIME type of a skill file, from its extension; and whether that type is served as text. */
final class MediaTypes {
  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("md", "text/markdown"),
          Map.entry("markdown", "text/markdown"),
          Map.entry("txt", "text/plain"),
          Map.entry("csv", "text/csv"),
          Map.entry("html", "text/html"),
          Map.entry("htm", "text/html"),
          Map.entry("css", "text/css"),
          Map.entry("js", "text/javascript"),
          Map.entry("mjs", "text/javascript"),
          Map.entry("ts", "text/x-typescript"),
          Map.entry("py", "text/x-python"),
          Map.entry("sh", "text/x-shellscript"),
          Map.entry("java", "text/x-java"),
          Map.entry("json", "application/json"),
          Map.entry("yaml", "application/yaml"),
          Map.entry("yml", "application/yaml"),
          Map.entry("xml", "application/xml"),
          Map.entry("toml", "application/toml"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("zip", "application/zip"));

  private MediaTypes() {}

  static String of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return BY_EXTENSION.getOrDefault(ext, "application/octet-stream");
  }

  /** Whether a file of this type is sent as text (when its bytes are valid UTF-8). */
  static boolean textual(String mimeType) {
    return mimeType.startsWith("text/")
        || mimeType.equals("application/json")
        || mimeType.equals("application/yaml")
        || mimeType.equals("application/xml")
        || mimeType.equals("application/toml")
        || mimeType.equals("image/svg+xml");
  }
}
