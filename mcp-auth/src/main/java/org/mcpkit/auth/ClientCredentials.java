package org.mcpkit.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.mcpkit.server.secret.SecretSource;

/**
 * How this resource server authenticates to the authorization server (for introspection): a client
 * id and a client secret read from a {@link SecretSource} at each use, so a rotated secret is used
 * without a restart (give it a {@linkplain SecretSource#refreshing refreshing} source to read from
 * memory). Sent as HTTP Basic ({@code client_secret_basic}, RFC 6749 §2.3.1: both parts
 * form-encoded). Immutable; {@link #toString()} names the client and the secret's name only.
 */
public final class ClientCredentials {
  private final String clientId;
  private final SecretSource secrets;
  private final String secretName;

  private ClientCredentials(String clientId, SecretSource secrets, String secretName) {
    this.clientId = clientId;
    this.secrets = secrets;
    this.secretName = secretName;
  }

  /** Client {@code clientId} whose secret is {@code secretName} in {@code secrets}. */
  public static ClientCredentials basic(String clientId, SecretSource secrets, String secretName) {
    Objects.requireNonNull(clientId, "clientId");
    if (clientId.isEmpty()) {
      throw new IllegalArgumentException("clientId must not be empty");
    }
    return new ClientCredentials(clientId, Objects.requireNonNull(secrets, "secrets"), Objects.requireNonNull(secretName, "secretName"));
  }

  /** The client id. */
  public String clientId() {
    return clientId;
  }

  /**
   * The {@code Authorization} header value, with the secret as it is now.
   *
   * @throws org.mcpkit.server.secret.SecretUnavailableException when the secret cannot be read
   */
  String authorization() {
    String secret = secrets.string(secretName);
    String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + clientId + ", secret " + secretName + "]";
  }
}
