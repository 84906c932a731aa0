package org.mcpkit.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcpkit.server.schema.CompiledSchema;
import org.mcpkit.server.schema.SchemaValidatorProvider;
import org.mcpkit.server.schema.UncheckedKeywords;

/** Which validator a server gets: explicit, else the one discovered, else the built-in; two is an error. */
class SchemaProvidersTest {
  /** A discoverable provider (public, no-argument constructor). */
  public static final class FakeA implements SchemaValidatorProvider {
    @Override
    public String name() {
      return "fake-a";
    }

    @Override
    public CompiledSchema compile(Map<String, Object> schema) {
      return instance -> List.of();
    }
  }

  /** Another discoverable provider. */
  public static final class FakeB implements SchemaValidatorProvider {
    @Override
    public String name() {
      return "fake-b";
    }

    @Override
    public CompiledSchema compile(Map<String, Object> schema) {
      return instance -> List.of();
    }
  }

  /** A provider whose dependencies are missing: its constructor fails as a missing class would. */
  public static final class Broken implements SchemaValidatorProvider {
    public Broken() {
      throw new NoClassDefFoundError("com/example/Missing");
    }

    @Override
    public String name() {
      return "broken";
    }

    @Override
    public CompiledSchema compile(Map<String, Object> schema) {
      return instance -> List.of();
    }
  }

  /**
   * A class path (dir) declaring {@code providers}. The fakes are defined anew in this loader, so
   * they are in its unnamed module: ServiceLoader ignores META-INF/services entries naming classes
   * of a named module, and the tests run in org.mcpkit.
   */
  private static ClassLoader declaring(Path dir, String... providers) throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(SchemaValidatorProvider.class.getName()), String.join("\n", providers) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, SchemaProvidersTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(FakeA.class.getName()) && !name.equals(FakeB.class.getName())
            && !name.equals(Broken.class.getName())) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> done = findLoadedClass(name);
          if (done != null) {
            return done;
          }
          try (InputStream in = SchemaProvidersTest.class.getResourceAsStream(
              "/" + name.replace('.', '/') + ".class")) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
      }
    };
  }

  @Test
  void builtInsAreSharedAndNamed() {
    assertSame(SchemaValidatorProvider.builtIn(), SchemaValidatorProvider.builtIn(UncheckedKeywords.REJECT));
    assertSame(
        SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT), SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT));
    assertEquals("built-in", SchemaValidatorProvider.builtIn().name());
    assertEquals(
        "built-in (accepting unchecked keywords)", SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT).name());
  }

  @Test
  void withNothingDiscoveredTheBuiltInRejectingUncheckedKeywords(@TempDir Path dir) throws Exception {
    assertSame(SchemaValidatorProvider.builtIn(), SchemaProviders.select(null));
    assertSame(SchemaValidatorProvider.builtIn(), SchemaProviders.select(null, declaring(dir)));
  }

  @Test
  void theOneDiscoveredTakesOver(@TempDir Path dir) throws Exception {
    SchemaValidatorProvider found = SchemaProviders.select(null, declaring(dir, FakeA.class.getName()));
    assertEquals(FakeA.class.getName(), found.getClass().getName());
    assertEquals("fake-a", found.name());
  }

  @Test
  void anExplicitChoiceWinsOverDiscovery(@TempDir Path dir) throws Exception {
    SchemaValidatorProvider chosen = SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT);
    assertSame(chosen, SchemaProviders.select(chosen, declaring(dir, FakeA.class.getName(), FakeB.class.getName())));
  }

  @Test
  void twoDiscoveredIsAnErrorNamingThem(@TempDir Path dir) throws Exception {
    ClassLoader loader = declaring(dir, FakeA.class.getName(), FakeB.class.getName());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SchemaProviders.select(null, loader));
    assertEquals(
        "several schema validators found on the class path: fake-a (" + FakeA.class.getName() + "), fake-b ("
            + FakeB.class.getName() + "); choose one with McpServer.Builder.schemaValidator(...)",
        e.getMessage());
  }

  @Test
  void aBrokenDeclarationIsAClearError(@TempDir Path dir) throws Exception {
    ClassLoader loader = declaring(dir, "org.example.Missing");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SchemaProviders.select(null, loader));
    assertEquals(
        "a schema validator on the class path failed to load: org.mcpkit.server.schema.SchemaValidatorProvider:"
            + " Provider org.example.Missing not found",
        e.getMessage());
  }

  @Test
  void aProviderThatCannotBeBuiltNamesTheMissingClass(@TempDir Path dir) throws Exception {
    ClassLoader loader = declaring(dir, Broken.class.getName());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SchemaProviders.select(null, loader));
    assertEquals(
        "a schema validator on the class path failed to load: org.mcpkit.server.schema.SchemaValidatorProvider:"
            + " Provider " + Broken.class.getName() + " could not be instantiated"
            + " (java.lang.NoClassDefFoundError: com/example/Missing)",
        e.getMessage());
  }
}
