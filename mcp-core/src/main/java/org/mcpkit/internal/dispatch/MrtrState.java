package org.mcpkit.internal.dispatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.mcpkit.server.McpException;
import org.mcpkit.server.RequestStateCodec;

/**
 * The sealed {@code requestState} of an input-required round: which request it belongs to, when
 * it expires, and the answers gathered in earlier rounds (so a handler re-run sees all of them).
 *
 * @param method the JSON-RPC method
 * @param target the tool or prompt name, or the resource URI
 * @param digest a digest of the arguments
 * @param principal a digest of the principal name, or null when anonymous
 * @param expiresAt expiry, epoch milliseconds
 * @param answers answers from earlier rounds by key
 */
record MrtrState(
    @JsonProperty("m") String method,
    @JsonProperty("t") String target,
    @JsonProperty("d") String digest,
    @JsonProperty("p") String principal,
    @JsonProperty("x") long expiresAt,
    @JsonProperty("a") Map<String, Object> answers) {

  MrtrState {
    answers = answers == null ? Map.of() : answers;
  }

  String seal(RequestStateCodec codec, ObjectMapper mapper) {
    try {
      return codec.seal(mapper.writeValueAsBytes(this));
    } catch (IOException e) {
      throw McpException.internalError();
    }
  }

  /** Opens and checks a state; any failure is -32602 without detail about which check failed. */
  static MrtrState open(
      String sealed,
      RequestStateCodec codec,
      ObjectMapper mapper,
      String method,
      String target,
      String digest,
      String principal,
      long now) {
    Optional<byte[]> bytes = codec.open(sealed);
    if (bytes.isEmpty()) {
      throw McpException.invalidParams("Invalid params: requestState failed verification");
    }
    MrtrState state;
    try {
      state = mapper.readValue(bytes.get(), MrtrState.class);
    } catch (IOException | RuntimeException e) {
      throw McpException.invalidParams("Invalid params: requestState failed verification");
    }
    if (!method.equals(state.method)
        || !target.equals(state.target)
        || !digest.equals(state.digest)
        || !java.util.Objects.equals(principal, state.principal)) {
      throw McpException.invalidParams("Invalid params: requestState does not match this request");
    }
    if (now > state.expiresAt) {
      throw McpException.invalidParams("Invalid params: requestState expired");
    }
    return state;
  }

  /** A stable digest of a JSON value (maps sorted by key). */
  static String digest(ObjectMapper mapper, Object value) {
    try {
      byte[] canonical =
          mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsBytes(value);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest(canonical));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw McpException.internalError();
    }
  }

  static String principalDigest(String name) {
    if (name == null) {
      return null;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(sha.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw McpException.internalError();
    }
  }
}
