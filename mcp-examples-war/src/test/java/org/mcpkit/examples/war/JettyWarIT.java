package org.mcpkit.examples.war;

import java.io.IOException;
import java.nio.file.Path;

/** The WAR in a standalone Eclipse Jetty 12 (jetty-home from Maven Central, ee10 deployer). */
class JettyWarIT extends WarDeploymentContract {
  @Override
  StandaloneContainer start(Path dir) throws IOException {
    return StandaloneContainer.jetty(dir);
  }
}
