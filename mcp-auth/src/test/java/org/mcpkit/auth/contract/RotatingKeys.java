package org.mcpkit.auth.contract;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import no.nav.security.mock.oauth2.token.KeyProvider;

/**
 * The mock authorization server's signing key, which a test can rotate to a key with a new
 * {@code kid}: the server then signs with it, and its JWKS and introspection know only it.
 */
public final class RotatingKeys extends KeyProvider {
  private volatile RSAKey current;

  /** Starts with a key named {@code kid}. */
  public RotatingKeys(String kid) {
    current = generate0(kid);
  }

  private static RSAKey generate0(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private key signing now (tests forge tokens with it). */
  public RSAKey current() {
    return current;
  }

  /** Signs with a new key named {@code kid} from now on. */
  public void rotate(String kid) {
    current = generate0(kid);
  }

  @Override
  public JWK signingKey(String issuerId) {
    return current;
  }

  /** The keys the server verifies with (its introspection endpoint): only the current one. */
  @Override
  public java.util.List<JWK> get(com.nimbusds.jose.jwk.JWKSelector selector, com.nimbusds.jose.proc.SecurityContext context) {
    return selector.select(new com.nimbusds.jose.jwk.JWKSet(current.toPublicJWK()));
  }
}
