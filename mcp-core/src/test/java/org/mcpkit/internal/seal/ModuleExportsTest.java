package org.mcpkit.internal.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.McpServer;

/** The module exports its API packages and none of its internal ones. */
class ModuleExportsTest {
  private static ModuleDescriptor descriptor() throws Exception {
    ModuleDescriptor d = McpServer.class.getModule().getDescriptor();
    if (d != null) {
      return d;
    }
    Path classes = Path.of(McpServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void internalPackagesAreNotExported() throws Exception {
    ModuleDescriptor d = descriptor();
    assertEquals("org.mcpkit", d.name());
    Set<String> exported =
        d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertTrue(exported.contains("org.mcpkit.server"), exported::toString);
    List<String> internal = exported.stream().filter(p -> p.contains(".internal")).toList();
    assertEquals(List.of(), internal);
  }
}
