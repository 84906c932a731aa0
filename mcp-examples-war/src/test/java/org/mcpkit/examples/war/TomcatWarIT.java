package org.mcpkit.examples.war;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The WAR in a standalone Apache Tomcat 11 (the distribution from Maven Central); on undeploy
 * Tomcat's leak detection finds no thread the application left running.
 */
class TomcatWarIT extends WarDeploymentContract {
  @Override
  StandaloneContainer start(Path dir) throws IOException {
    return StandaloneContainer.tomcat(dir);
  }

  @Override
  void checkShutdownLog(String log) {
    assertFalse(log.contains("failed to stop it"), log);
    assertFalse(log.contains("memory leak"), log);
  }
}
