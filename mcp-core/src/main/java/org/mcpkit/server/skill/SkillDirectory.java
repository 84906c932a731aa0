package org.mcpkit.server.skill;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mcpkit.internal.skill.SkillIndex;
import org.mcpkit.protocol.ReadResourceResult;
import org.mcpkit.protocol.Resource;

/**
 * A directory of Agent Skills served through the skills extension ({@code
 * io.modelcontextprotocol/skills}): every folder under the root that holds a {@code SKILL.md} is a
 * skill, at {@code skill://<path>/SKILL.md} where {@code <path>} is the folder's path under the
 * root (its last segment must equal the frontmatter {@code name}). Register it with {@code
 * McpServer.Builder.skills(...)}: each {@code SKILL.md} becomes a listed resource, every other file
 * is readable through the template {@code skill://{+path}}, and {@code skills/list}, {@code
 * skills/get} and {@code resources/directory/read} answer from this directory.
 *
 * <p>The directory is read once, by {@link #load}: files are held in memory (so a listed digest
 * always matches what a read returns), at most 512 files and 16 MiB per skill and 64 MiB in all.
 * Only what the scan found is served: a URI is looked up as given, never resolved against the file
 * system, so {@code ..}, encoded and absolute forms name nothing. Hidden entries (a leading dot) are
 * skipped, as are symbolic links to directories and links whose target lies outside the root.
 * Immutable and thread-safe.
 */
public final class SkillDirectory {
  /** The extension id the server advertises. */
  public static final String EXTENSION_ID = "io.modelcontextprotocol/skills";
  /** The MIME type of a directory resource. */
  public static final String DIRECTORY_MIME_TYPE = "inode/directory";
  /** The URI scheme of the skills served. */
  public static final String SCHEME = "skill";

  private final SkillIndex index;

  private SkillDirectory(SkillIndex index) {
    this.index = index;
  }

  /**
   * Reads the skills under {@code root}.
   *
   * @throws IllegalArgumentException a skill breaks the format (no frontmatter, a name that does
   *     not match its folder or the naming rules, a limit exceeded), with the file and the reason
   * @throws java.io.UncheckedIOException the directory cannot be read
   */
  public static SkillDirectory load(Path root) {
    return new SkillDirectory(SkillIndex.scan(Objects.requireNonNull(root, "root")));
  }

  /** The skills, ordered by URI. */
  public List<Skill> skills() {
    return index.skills();
  }

  /** The skill whose {@code SKILL.md} has this URI. */
  public Optional<Skill> skill(String uri) {
    return index.skill(Objects.requireNonNull(uri, "uri"));
  }

  /** The resources listed for the skills: one per {@code SKILL.md}, named and described by its frontmatter. */
  public List<Resource> manifests() {
    return index.manifests();
  }

  /** The contents of the file with this URI (text for UTF-8 text types, base64 otherwise). */
  public Optional<ReadResourceResult> read(String uri) {
    return index.read(Objects.requireNonNull(uri, "uri"));
  }

  /**
   * The direct children of the directory resource with this URI ({@code skill://<path>}, no
   * trailing slash), files with their metadata and subdirectories as {@link #DIRECTORY_MIME_TYPE};
   * empty when the URI is not a directory served here.
   */
  public Optional<List<Resource>> directory(String uri) {
    return index.directory(Objects.requireNonNull(uri, "uri"));
  }
}
