package org.mcpkit.server.secret;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** Secrets from environment variables (see {@link SecretSource#environment()}). */
final class EnvironmentSecrets implements SecretSource {
  private final Map<String, String> variables;

  EnvironmentSecrets(Map<String, String> variables) {
    this.variables = variables;
  }

  @Override
  public byte[] bytes(String name) {
    Objects.requireNonNull(name, "name");
    String value = variables.get(name);
    if (value == null || value.isEmpty()) {
      throw new SecretUnavailableException(name, "environment variable " + name + " is not set");
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SecretSource.environment()";
  }
}
