package org.mcpkit.internal.http;

import org.mcpkit.internal.dispatch.Fanout;
import org.mcpkit.server.http.SessionBus;
import org.mcpkit.server.http.SessionSignal;

/** In-JVM {@link SessionBus}: synchronous delivery; one failing listener harms no other. */
public final class InMemorySessionBus extends Fanout<SessionSignal> implements SessionBus {}
