package org.mcpkit.internal.http;

import org.mcpkit.internal.dispatch.Fanout;
import org.mcpkit.server.http.SessionBus;

/** In-JVM {@link SessionBus}: synchronous delivery; one failing listener harms no other. */
public final class InMemorySessionBus extends Fanout<byte[]> implements SessionBus {}
