package org.mcpkit.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mcpkit.jsonrpc.JsonRpcErrorCodes;

/**
 * The MCP protocol revisions this SDK speaks, and every rule that differs between them.
 *
 * <p>2026-07-28 is the <em>modern</em> (stateless) era; 2024-11-05 and the 2025 revisions are the
 * <em>legacy</em> era that opens with {@code initialize}.
 */
public enum ProtocolVersion {
  /** The stateless revision: per-request {@code _meta}, {@code server/discover}, MRTR. */
  V2026_07_28("2026-07-28"),
  /** Legacy: sessions, SSE polling, URL elicitation, tasks (experimental). */
  V2025_11_25("2025-11-25"),
  /** Legacy: structured tool output, form elicitation, no batching. */
  V2025_06_18("2025-06-18"),
  /** Legacy: first Streamable HTTP revision; JSON-RPC batches must be accepted. */
  V2025_03_26("2025-03-26"),
  /**
   * Legacy: the HTTP+SSE transport's revision (deprecated); JSON-RPC batches. Served like
   * 2025-03-26, over stdio, Streamable HTTP and, when enabled, HTTP+SSE.
   */
  V2024_11_05("2024-11-05");

  /** The newest revision. */
  public static final ProtocolVersion LATEST = V2026_07_28;

  private final String id;

  ProtocolVersion(String id) {
    this.id = id;
  }

  /** The revision string as written on the wire, e.g. {@code "2026-07-28"}. */
  public String id() {
    return id;
  }

  /** Finds the revision with the given wire id. */
  public static Optional<ProtocolVersion> parse(String id) {
    for (ProtocolVersion v : values()) {
      if (v.id.equals(id)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Every revision id, newest first. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(ProtocolVersion::id).toList();
  }

  /** True for 2026-07-28 and later: stateless requests carrying {@code _meta}. */
  public boolean isModern() {
    return this == V2026_07_28;
  }

  /** True for revisions that open with {@code initialize}. */
  public boolean isLegacy() {
    return !isModern();
  }

  /** Whether results carry {@code resultType} and cache hints. */
  public boolean hasResultType() {
    return isModern();
  }

  /** The error code for a resource that does not exist: -32602 (modern) or -32002 (legacy). */
  public int resourceNotFoundCode() {
    return isModern() ? JsonRpcErrorCodes.INVALID_PARAMS : JsonRpcErrorCodes.RESOURCE_NOT_FOUND;
  }

  /** Whether JSON-RPC batches must be accepted (2025-03-26 and 2024-11-05). */
  public boolean acceptsBatches() {
    return this == V2025_03_26 || this == V2024_11_05;
  }

  @Override
  public String toString() {
    return id;
  }
}
