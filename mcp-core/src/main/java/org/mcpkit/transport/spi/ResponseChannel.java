package org.mcpkit.transport.spi;

/**
 * The body of a committed response. The core writes one chunk at a time: it calls {@link #write}
 * again only after the previous write's callback ran. Each chunk is flushed to the client.
 */
public interface ResponseChannel {
  /**
   * Writes and flushes a chunk without blocking the caller; calls {@code callback} once the chunk
   * was handed to the network (or failed).
   */
  void write(byte[] chunk, WriteCallback callback);

  /** Completes the response. Idempotent. */
  void end();

  /**
   * Registers a listener for the client going away (disconnect, container timeout or error).
   * Called at most once; called at once if the client is already gone.
   */
  void onClose(Runnable listener);

  /** Completion of one write. */
  interface WriteCallback {
    /** The chunk was written. */
    void done();

    /** The write failed; the response is unusable. */
    void failed(Throwable error);
  }
}
