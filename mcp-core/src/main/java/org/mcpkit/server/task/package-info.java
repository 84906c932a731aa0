/**
 * Tasks (the {@code io.modelcontextprotocol/tasks} extension of 2026-07-28): how a tool declares
 * that its calls may run as durable tasks ({@link TaskSupport}), the server's task settings
 * ({@link TaskOptions}) and the storage SPI a second instance shares ({@link TaskStore}, {@link
 * TaskRecord}, {@link TaskStatus}).
 */
package org.mcpkit.server.task;
