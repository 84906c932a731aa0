package org.mcpkit.internal.skill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.mcpkit.protocol.BlobResourceContents;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;
import org.mcpkit.protocol.TextResourceContents;
import org.mcpkit.server.skill.Skill;
import org.mcpkit.server.skill.SkillDirectory;
import org.mcpkit.server.skill.SkillFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skills under one root, read once: every folder holding a regular {@code SKILL.md} is a
 * skill; its files (nested skills' included) are held in memory with their digests, and every
 * folder on the way to a served file is a directory resource. Lookups are exact matches on the
 * URIs built here, so nothing a client sends is ever resolved against the file system. Immutable.
 */
public final class SkillIndex {
  private static final Logger LOG = LoggerFactory.getLogger(SkillIndex.class);
  static final String MANIFEST = "SKILL.md";
  static final int MAX_FILES_PER_SKILL = 512;
  static final long MAX_BYTES_PER_SKILL = 16L * 1024 * 1024;
  static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final int MAX_DEPTH = 32;
  private static final Pattern NAME = Pattern.compile("(?!.*--)[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");

  private record Entry(String mimeType, byte[] bytes) {}

  private final List<Skill> skills;
  private final Map<String, Skill> byUri;
  private final List<Resource> manifests;
  private final Map<String, Entry> files;
  private final Map<String, List<Resource>> directories;

  private SkillIndex(
      List<Skill> skills, List<Resource> manifests, Map<String, Entry> files, Map<String, List<Resource>> directories) {
    this.skills = List.copyOf(skills);
    Map<String, Skill> by = new LinkedHashMap<>();
    skills.forEach(s -> by.put(s.uri(), s));
    this.byUri = Collections.unmodifiableMap(by);
    this.manifests = List.copyOf(manifests);
    this.files = Collections.unmodifiableMap(files);
    this.directories = Collections.unmodifiableMap(directories);
  }

  /** A file found under the root: its path segments below the root and where its bytes are. */
  private record Found(List<String> segments, Path source, long size) {}

  /** Reads the skills under {@code root}; see {@link SkillDirectory#load}. */
  public static SkillIndex scan(Path root) {
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the skills directory " + root, e);
    }
    if (!Files.isDirectory(realRoot)) {
      throw new IllegalArgumentException("not a directory: " + root);
    }
    List<Found> found = walk(realRoot);
    // the skills: folders with a SKILL.md, by path
    TreeMap<String, List<String>> skillDirs = new TreeMap<>();
    for (Found f : found) {
      List<String> seg = f.segments();
      if (seg.get(seg.size() - 1).equals(MANIFEST)) {
        List<String> dir = seg.subList(0, seg.size() - 1);
        if (dir.isEmpty()) {
          throw new IllegalArgumentException(
              "a SKILL.md at the root of " + root + ": the root holds skill folders, each with its SKILL.md");
        }
        skillDirs.put(uri(dir), List.copyOf(dir));
      }
    }
    Map<String, Entry> files = new LinkedHashMap<>();
    long total = 0;
    List<Skill> skills = new ArrayList<>();
    List<Resource> manifests = new ArrayList<>();
    Map<String, TreeMap<String, Resource>> dirs = new TreeMap<>();
    for (Map.Entry<String, List<String>> skillDir : skillDirs.entrySet()) {
      List<String> dir = skillDir.getValue();
      String where = String.join("/", dir) + "/" + MANIFEST;
      List<Found> mine = new ArrayList<>();
      long bytes = 0;
      for (Found f : found) {
        if (f.segments().size() > dir.size() && f.segments().subList(0, dir.size()).equals(dir)) {
          mine.add(f);
          bytes += f.size();
        }
      }
      if (mine.size() > MAX_FILES_PER_SKILL) {
        throw new IllegalArgumentException("skill " + where + " has " + mine.size() + " files; at most " + MAX_FILES_PER_SKILL);
      }
      if (bytes > MAX_BYTES_PER_SKILL) {
        throw new IllegalArgumentException("skill " + where + " holds " + bytes + " bytes; at most " + MAX_BYTES_PER_SKILL);
      }
      String manifestUri = skillDir.getKey() + "/" + MANIFEST;
      List<SkillFile> listed = new ArrayList<>();
      for (Found f : mine) {
        String uri = uri(f.segments());
        Entry entry = files.get(uri);
        if (entry == null) {
          total += f.size();
          if (total > MAX_BYTES) {
            throw new IllegalArgumentException("the skills under " + root + " hold more than " + MAX_BYTES + " bytes");
          }
          entry = new Entry(MediaTypes.of(f.segments().get(f.segments().size() - 1)), read(f));
          files.put(uri, entry);
          addToDirectories(dirs, f.segments(), entry);
        }
        SkillFile file = new SkillFile(uri, digest(entry.bytes()), entry.bytes().length);
        if (uri.equals(manifestUri)) {
          listed.add(0, file);
        } else {
          listed.add(file);
        }
      }
      Map<String, Object> frontmatter = frontmatter(where, files.get(manifestUri).bytes(), dir.get(dir.size() - 1));
      Skill skill = new Skill(manifestUri, frontmatter, listed);
      skills.add(skill);
      manifests.add(
          new Resource(
              manifestUri, skill.name(), null, skill.description(), "text/markdown",
              (long) files.get(manifestUri).bytes().length, null, null, null));
    }
    Map<String, List<Resource>> directories = new LinkedHashMap<>();
    dirs.forEach((uri, children) -> directories.put(uri, List.copyOf(children.values())));
    return new SkillIndex(skills, manifests, files, directories);
  }

  private static Map<String, Object> frontmatter(String where, byte[] bytes, String folder) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(where + " is not UTF-8 text");
    }
    Map<String, Object> fm;
    try {
      fm = Frontmatter.parse(text);
    } catch (Frontmatter.Invalid e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
    if (!(fm.get("name") instanceof String name) || name.isEmpty()) {
      throw new IllegalArgumentException(where + ": the frontmatter has no name");
    }
    if (!(fm.get("description") instanceof String d) || d.isEmpty()) {
      throw new IllegalArgumentException(where + ": the frontmatter has no description");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          where + ": name '" + name + "' breaks the naming rules (1-64 of a-z, 0-9 and '-', no leading, trailing or double '-')");
    }
    if (!name.equals(folder)) {
      throw new IllegalArgumentException(where + ": name '" + name + "' differs from its folder '" + folder + "'");
    }
    return fm;
  }

  private static void addToDirectories(Map<String, TreeMap<String, Resource>> dirs, List<String> segments, Entry entry) {
    for (int depth = 1; depth < segments.size(); depth++) {
      String dirUri = uri(segments.subList(0, depth));
      String childName = segments.get(depth);
      String childUri = uri(segments.subList(0, depth + 1));
      boolean file = depth == segments.size() - 1;
      Resource child =
          file
              ? new Resource(childUri, childName, null, null, entry.mimeType(), (long) entry.bytes().length, null, null, null)
              : new Resource(childUri, childName, null, null, SkillDirectory.DIRECTORY_MIME_TYPE, null, null, null, null);
      dirs.computeIfAbsent(dirUri, k -> new TreeMap<>()).putIfAbsent(childUri, child);
    }
  }

  private static byte[] read(Found f) {
    try {
      byte[] bytes = Files.readAllBytes(f.source());
      if (bytes.length != f.size()) {
        throw new IllegalArgumentException("a skill file changed while it was read: " + String.join("/", f.segments()));
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the skill file " + String.join("/", f.segments()), e);
    }
  }

  /** The files under the root, hidden entries, special files and escaping or directory links left out. */
  private static List<Found> walk(Path realRoot) {
    List<Found> found = new ArrayList<>();
    try {
      Files.walkFileTree(realRoot, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(realRoot) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (hidden(file)) {
            return FileVisitResult.CONTINUE;
          }
          List<String> segments = new ArrayList<>();
          realRoot.relativize(file).forEach(p -> segments.add(p.toString()));
          if (attrs.isSymbolicLink()) {
            Path target;
            try {
              target = file.toRealPath();
            } catch (IOException e) {
              LOG.warn("Skills: skipping {}: a dangling link", String.join("/", segments));
              return FileVisitResult.CONTINUE;
            }
            if (!target.startsWith(realRoot)) {
              LOG.warn("Skills: skipping {}: a link to outside the skills directory", String.join("/", segments));
            } else if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
              LOG.warn("Skills: skipping {}: links to directories are not followed", String.join("/", segments));
            } else {
              found.add(new Found(List.copyOf(segments), target, Files.size(target)));
            }
          } else if (attrs.isRegularFile()) {
            found.add(new Found(List.copyOf(segments), file, attrs.size()));
          } else if (attrs.isDirectory()) {
            LOG.warn("Skills: skipping {}: deeper than {} levels", String.join("/", segments), MAX_DEPTH);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the skills directory " + realRoot, e);
    }
    found.sort((a, b) -> String.join("/", a.segments()).compareTo(String.join("/", b.segments())));
    return found;
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  /** {@code skill://} and the segments, each percent-encoded but for RFC 3986's unreserved characters. */
  static String uri(List<String> segments) {
    StringBuilder out = new StringBuilder(SkillDirectory.SCHEME).append("://");
    for (int i = 0; i < segments.size(); i++) {
      if (i > 0) {
        out.append('/');
      }
      for (byte b : segments.get(i).getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
          out.append((char) c);
        } else {
          out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
      }
    }
    return out.toString();
  }

  private static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The skills, ordered by URI. */
  public List<Skill> skills() {
    return skills;
  }

  /** The skill whose {@code SKILL.md} has this URI. */
  public Optional<Skill> skill(String uri) {
    return Optional.ofNullable(byUri.get(uri));
  }

  /** One resource per {@code SKILL.md}. */
  public List<Resource> manifests() {
    return manifests;
  }

  /** The contents of a served file. */
  public Optional<ReadResourceResult> read(String uri) {
    Entry e = files.get(uri);
    if (e == null) {
      return Optional.empty();
    }
    if (MediaTypes.textual(e.mimeType())) {
      try {
        String text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(e.bytes()))
            .toString();
        return Optional.of(new ReadResourceResult(List.of(new TextResourceContents(uri, e.mimeType(), text, null)), null));
      } catch (CharacterCodingException notText) {
        // sent as bytes below
      }
    }
    String blob = Base64.getEncoder().encodeToString(e.bytes());
    return Optional.of(new ReadResourceResult(List.of(new BlobResourceContents(uri, e.mimeType(), blob, null)), null));
  }

  /** The children of a directory resource. */
  public Optional<List<Resource>> directory(String uri) {
    return Optional.ofNullable(directories.get(uri));
  }
}
