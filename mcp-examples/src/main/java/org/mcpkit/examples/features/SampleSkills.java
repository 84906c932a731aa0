package org.mcpkit.examples.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mcpkit.server.skill.SkillDirectory;

/**
 * Sample skills shipped as class-path resources, copied into a fresh temporary directory and loaded
 * from there (so they load the same from {@code target/classes}, a jar or a container image).
 */
public final class SampleSkills {
  private SampleSkills() {}

  /** The tour's skills: {@code weather-briefing} (with a reference file) and {@code note-keeping}. */
  public static SkillDirectory tour() {
    return load("tour-skills", "weather-briefing/SKILL.md", "weather-briefing/references/units.md", "note-keeping/SKILL.md");
  }

  /**
   * Copies {@code files} (paths under the class-path folder {@code base}) into a temporary
   * directory and loads it as a {@link SkillDirectory}.
   */
  public static SkillDirectory load(String base, String... files) {
    try {
      Path dir = Files.createTempDirectory("mcpkit-skills");
      for (String file : files) {
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = SampleSkills.class.getClassLoader().getResourceAsStream(base + "/" + file)) {
          if (in == null) {
            throw new IllegalStateException("missing class-path resource " + base + "/" + file);
          }
          Files.copy(in, target);
        }
      }
      return SkillDirectory.load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sample skills", e);
    }
  }
}
