package org.mcpkit.server.observe;

/** The protocol era a request belongs to. */
public enum Era {
  /** 2026-07-28 and later: every request carries its own {@code _meta}; no sessions. */
  MODERN,
  /** The 2025 revisions (and 2024-11-05): {@code initialize} opens a session the requests belong to. */
  LEGACY
}
