package org.mcpkit.server.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment and file sources: exact values, exact refusals, files re-read when they change. */
class SecretSourceTest {
  @TempDir
  Path dir;

  @Test
  void environmentVariablesAreSecretsAndMissingOnesAreRefused() {
    SecretSource env = SecretSource.environment(Map.of("MCP_CLIENT_SECRET", "s3cr3t", "EMPTY", ""));
    assertEquals("s3cr3t", env.string("MCP_CLIENT_SECRET"));
    assertArrayEquals("s3cr3t".getBytes(StandardCharsets.UTF_8), env.bytes("MCP_CLIENT_SECRET"));
    SecretUnavailableException missing = assertThrows(SecretUnavailableException.class, () -> env.bytes("NOPE"));
    assertEquals("NOPE", missing.secretName());
    assertEquals("environment variable NOPE is not set", missing.problem());
    assertEquals("Internal error", missing.getMessage());
    assertEquals(-32603, missing.error().code());
    assertEquals("environment variable EMPTY is not set",
        assertThrows(SecretUnavailableException.class, () -> env.bytes("EMPTY")).problem());
    assertEquals("SecretSource.environment()", env.toString());
  }

  @Test
  void theProcessEnvironmentIsRead() {
    Map.Entry<String, String> any = System.getenv().entrySet().stream().filter(e -> !e.getValue().isEmpty()).findFirst().orElseThrow();
    assertEquals(any.getValue(), SecretSource.environment().string(any.getKey()));
  }

  @Test
  void aFileIsReadExactlyAndReReadWhenItChanges() throws Exception {
    Files.writeString(dir.resolve("client-secret"), "first\n");
    SecretSource files = SecretSource.files(dir);
    assertEquals("first\n", files.string("client-secret"), "the exact bytes, newline included");
    assertEquals("first\n", files.string("client-secret"));
    Path next = dir.resolve("tmp");
    Files.writeString(next, "second, longer");
    Files.move(next, dir.resolve("client-secret"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertEquals("second, longer", files.string("client-secret"));
  }

  @Test
  void aKubernetesStyleSymlinkSwapIsSeen() throws Exception {
    // kubelet layout: name -> ..data/name, ..data -> ..<timestamp>; an update swaps ..data atomically
    Path v1 = Files.createDirectory(dir.resolve("..2026_12_03_10_00_00.1"));
    Files.writeString(v1.resolve("keyring"), "v1");
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Files.createSymbolicLink(dir.resolve("keyring"), Path.of("..data", "keyring"));
    SecretSource files = SecretSource.files(dir);
    assertEquals("v1", files.string("keyring"));

    Path v2 = Files.createDirectory(dir.resolve("..2026_12_03_10_05_00.2"));
    Files.writeString(v2.resolve("keyring"), "v2");
    Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
    Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertEquals("v2", files.string("keyring"), "same size, new file behind the link");
  }

  @Test
  void badNamesMissingFilesAndHugeFilesAreRefused() throws Exception {
    Files.writeString(dir.getParent().resolve("outside-" + dir.getFileName()), "nope");
    SecretSource files = SecretSource.files(dir);
    for (String name : List.of("../outside-" + dir.getFileName(), ".hidden", "a/b", "", "x".repeat(300))) {
      SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> files.bytes(name), name);
      assertEquals("not a valid secret file name", e.problem(), name);
    }
    assertEquals("no file " + dir.resolve("missing"),
        assertThrows(SecretUnavailableException.class, () -> files.bytes("missing")).problem());
    Files.createDirectory(dir.resolve("adir"));
    assertEquals("cannot read " + dir.resolve("adir") + " (IOException)",
        assertThrows(SecretUnavailableException.class, () -> files.bytes("adir")).problem());
    Files.write(dir.resolve("huge"), new byte[1024 * 1024 + 1]);
    assertEquals("cannot read " + dir.resolve("huge") + " (IOException)",
        assertThrows(SecretUnavailableException.class, () -> files.bytes("huge")).problem());
    Files.write(dir.resolve("limit"), new byte[1024 * 1024]);
    assertEquals(1024 * 1024, files.bytes("limit").length);
  }

  @Test
  void aDeletedFileIsNoLongerServed() throws Exception {
    Files.writeString(dir.resolve("s"), "v");
    SecretSource files = SecretSource.files(dir);
    assertEquals("v", files.string("s"));
    Files.delete(dir.resolve("s"));
    assertThrows(SecretUnavailableException.class, () -> files.bytes("s"));
  }

  @Test
  void theCallerGetsACopy() throws Exception {
    Files.writeString(dir.resolve("s"), "value");
    SecretSource files = SecretSource.files(dir);
    files.bytes("s")[0] = 'X';
    assertEquals("value", files.string("s"));
  }
}
