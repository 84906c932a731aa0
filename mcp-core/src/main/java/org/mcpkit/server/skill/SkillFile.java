package org.mcpkit.server.skill;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a skill as its entry lists it: the resource URI, the SHA-256 digest of the file's
 * bytes ({@code sha256:} and 64 lowercase hex digits) and their length.
 *
 * @param uri the file's resource URI
 * @param digest {@code sha256:<hex>} of the raw bytes
 * @param size the number of bytes
 */
public record SkillFile(
    @JsonProperty("uri") String uri, @JsonProperty("digest") String digest, @JsonProperty("size") long size) {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** Validates the components. */
  public SkillFile {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(digest, "digest");
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("digest must be sha256: and 64 lowercase hex digits");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }
}
