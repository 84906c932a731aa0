package org.mcpkit.server.skill;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The entry of one skill, as {@code skills/list} and {@code skills/get} return it: the URI of its
 * {@code SKILL.md}, that file's YAML frontmatter as a JSON object (every field the author wrote;
 * {@code name} and {@code description} always present), and every file of the skill with its digest
 * and size, {@code SKILL.md} first.
 *
 * @param uri the resource URI of the skill's {@code SKILL.md}
 * @param frontmatter the frontmatter, read-only (strings, numbers, booleans, nulls, lists, maps)
 * @param resources the skill's files, read-only
 */
public record Skill(
    @JsonProperty("uri") String uri,
    @JsonProperty("frontmatter") Map<String, Object> frontmatter,
    @JsonProperty("resources") List<SkillFile> resources) {

  /** Validates and copies the components. */
  public Skill {
    Objects.requireNonNull(uri, "uri");
    frontmatter = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(frontmatter, "frontmatter")));
    resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    if (!(frontmatter.get("name") instanceof String) || !(frontmatter.get("description") instanceof String)) {
      throw new IllegalArgumentException("frontmatter needs a name and a description");
    }
  }

  /** The skill's name (the frontmatter's {@code name}, also the last segment of its path). */
  public String name() {
    return (String) frontmatter.get("name");
  }

  /** The skill's description (the frontmatter's {@code description}). */
  public String description() {
    return (String) frontmatter.get("description");
  }
}
