package org.mcpkit.internal.http;

import java.util.Optional;
import java.util.function.Consumer;
import org.mcpkit.internal.json.ClientText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a POST's JSON body for both HTTP transports: Content-Type must be {@code application/json}
 * (415), a declared length must be a number (400) within the limit (413 before reading), and the
 * body is read through the bounded reader (413 when a chunked body grows past the limit). The
 * whole body then goes to the caller off the I/O thread: straight to an idle handler thread of the
 * server's own pool, which runs the handler too, else to the container's workers.
 */
final class JsonBody {
  private static final Logger LOG = LoggerFactory.getLogger(JsonBody.class);

  private JsonBody() {}

  /** Checks and reads the body; {@code onBody} runs once with it, a failure there is answered 500. */
  static void read(EndpointCore core, Exchange exchange, Consumer<byte[]> onBody) {
    Optional<String> type = exchange.header("Content-Type");
    if (type.isEmpty() || !AcceptHeader.mediaType(type.get()).equals(AcceptHeader.JSON)) {
      core.responses.fail(exchange, HttpFailure.UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    int max = core.options.maxBodyBytes();
    long declared = -1;
    Optional<String> length = exchange.header("Content-Length");
    if (length.isPresent()) {
      try {
        declared = Long.parseLong(length.get().trim());
      } catch (NumberFormatException e) {
        core.responses.fail(exchange, HttpFailure.INVALID_CONTENT_LENGTH);
        return;
      }
      if (declared > max) {
        tooLarge(core, exchange);
        return;
      }
    }
    exchange.readBody(max, declared, new BoundedBody.Handler() {
      @Override
      public void body(byte[] body) {
        if (exchange.inIoThread()) {
          exchange.dispatch(core.dispatcher.handoff(), () -> body(body));
          return;
        }
        try {
          onBody.accept(body);
        } catch (RuntimeException e) {
          core.failUnexpected(exchange, e, "POST " + ClientText.of(exchange.path()));
        }
      }

      @Override
      public void tooLarge() {
        JsonBody.tooLarge(core, exchange);
      }

      @Override
      public void failed(Throwable error) {
        // Broken framing, or a client that broke off: answered where the connection still can be.
        LOG.debug("Request body not read", error);
        core.responses.fail(exchange, HttpFailure.MALFORMED_BODY);
      }
    });
  }

  private static void tooLarge(EndpointCore core, Exchange exchange) {
    core.responses.fail(exchange, HttpFailure.PAYLOAD_TOO_LARGE, null, HttpFailure.PAYLOAD_TOO_LARGE.error(core.options.maxBodyBytes()));
  }
}
