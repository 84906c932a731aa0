/** The in-memory task store behind {@link org.mcpkit.server.task.TaskStore#inMemory}. */
package org.mcpkit.internal.task;
