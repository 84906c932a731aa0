package org.mcpkit.internal.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.mcpkit.server.schema.SchemaValidatorProvider;

/**
 * Picks a server's schema validator: the one the builder was given, else the one {@link
 * ServiceLoader} finds, else the built-in. Two or more found is an error, never an arbitrary pick.
 */
public final class SchemaProviders {
  private SchemaProviders() {}

  /**
   * The provider to use.
   *
   * @param explicit the builder's choice, or null
   * @return the provider
   * @throws IllegalStateException when several providers are found and none was chosen, or one
   *     fails to load
   */
  public static SchemaValidatorProvider select(SchemaValidatorProvider explicit) {
    return select(explicit, SchemaProviders.class.getClassLoader());
  }

  /** As {@link #select(SchemaValidatorProvider)}, discovering through {@code loader}. */
  static SchemaValidatorProvider select(SchemaValidatorProvider explicit, ClassLoader loader) {
    if (explicit != null) {
      return explicit;
    }
    List<SchemaValidatorProvider> found = new ArrayList<>();
    try {
      for (SchemaValidatorProvider p : ServiceLoader.load(SchemaValidatorProvider.class, loader)) {
        found.add(p);
      }
    } catch (ServiceConfigurationError e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String because = root == e ? "" : " (" + root + ")";
      throw new IllegalStateException(
          "a schema validator on the class path failed to load: " + e.getMessage() + because, e);
    }
    if (found.isEmpty()) {
      return SchemaValidatorProvider.builtIn();
    }
    if (found.size() > 1) {
      List<String> names = new ArrayList<>();
      for (SchemaValidatorProvider p : found) {
        names.add(p.name() + " (" + p.getClass().getName() + ")");
      }
      throw new IllegalStateException(
          "several schema validators found on the class path: "
              + String.join(", ", names)
              + "; choose one with McpServer.Builder.schemaValidator(...)");
    }
    return found.get(0);
  }
}
