package org.mcpkit.benchmarks;

import org.mcpkit.server.McpServer;
import org.mcpkit.server.http.McpHttpEndpoint;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every in-memory endpoint benchmark holds: the server its setup builds and the endpoint
 * serving it, both closed after the trial.
 */
abstract class EndpointBenchmark {
  McpServer server;
  McpHttpEndpoint endpoint;

  @TearDown(Level.Trial)
  public void tearDown() {
    endpoint.close();
    server.close();
  }
}
