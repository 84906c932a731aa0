package org.mcpkit.server.secret;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Secrets from files in one directory, re-read when they change (see {@link SecretSource#files}). */
final class FileSecrets implements SecretSource {
  /** Larger files are refused. */
  static final int MAX_BYTES = 1024 * 1024;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

  private final Path directory;
  private final ConcurrentHashMap<String, Read> reads = new ConcurrentHashMap<>();

  /** What a file looked like when it was read, and what it held. */
  private record Stamp(Object fileKey, FileTime modified, long size) {}

  private record Read(Stamp stamp, byte[] value) {}

  FileSecrets(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public byte[] bytes(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new SecretUnavailableException(name.length() > 64 ? name.substring(0, 64) : name, "not a valid secret file name");
    }
    Path file = directory.resolve(name);
    try {
      Stamp stamp = stamp(file);
      Read last = reads.get(name);
      if (last != null && last.stamp.equals(stamp)) {
        return last.value.clone();
      }
      byte[] value = read(file);
      Stamp after = stamp(file);
      if (after.equals(stamp)) {
        reads.put(name, new Read(stamp, value)); // not replaced while it was read
      }
      return value.clone();
    } catch (NoSuchFileException e) {
      reads.remove(name);
      throw new SecretUnavailableException(name, "no file " + file);
    } catch (IOException e) {
      throw new SecretUnavailableException(name, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static Stamp stamp(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class); // follows symlinks
    if (!a.isRegularFile()) {
      throw new IOException("not a regular file");
    }
    if (a.size() > MAX_BYTES) {
      throw new IOException("larger than " + MAX_BYTES + " bytes");
    }
    return new Stamp(a.fileKey(), a.lastModifiedTime(), a.size());
  }

  private static byte[] read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] value = in.readNBytes(MAX_BYTES + 1);
      if (value.length > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES + " bytes");
      }
      return value;
    }
  }

  @Override
  public String toString() {
    return "SecretSource.files(" + directory + ")";
  }
}
