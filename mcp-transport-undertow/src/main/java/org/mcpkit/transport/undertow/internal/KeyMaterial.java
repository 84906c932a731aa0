package org.mcpkit.transport.undertow.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** Loads a server key and certificate chain from PKCS12 or PEM files into a key manager. */
public final class KeyMaterial {
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----(.+?)-----END PRIVATE KEY-----", Pattern.DOTALL);

  private KeyMaterial() {}

  /** Reads a PKCS12 key store. */
  public static X509ExtendedKeyManager pkcs12(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return keyManager(store, password);
  }

  /**
   * Reads a PEM certificate chain (leaf first) and an unencrypted PKCS#8 PEM private key (RSA, EC
   * or EdDSA).
   */
  public static X509ExtendedKeyManager pem(Path certificateChain, Path privateKey)
      throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(certificateChain)) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + certificateChain.getFileName());
    }
    Matcher m = PKCS8.matcher(Files.readString(privateKey, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new GeneralSecurityException("no PKCS#8 private key in " + privateKey.getFileName());
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    PrivateKey key = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "EdDSA"}) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    if (key == null) {
      throw new GeneralSecurityException("unsupported private key in " + privateKey.getFileName());
    }
    checkPair(key, chain.iterator().next(), privateKey);
    char[] password = new char[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, password);
    store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
    return keyManager(store, password);
  }

  /** Refuses a key that does not belong to the leaf certificate (a renewal seen half-way). */
  private static void checkPair(PrivateKey key, Certificate leaf, Path privateKey) throws GeneralSecurityException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm(); // Ed25519, EdDSA
    };
    byte[] probe = new byte[32];
    new java.security.SecureRandom().nextBytes(probe);
    java.security.Signature signer = java.security.Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
    verifier.initVerify(leaf.getPublicKey());
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new GeneralSecurityException("the private key in " + privateKey.getFileName() + " does not match the certificate");
    }
  }

  private static X509ExtendedKeyManager keyManager(KeyStore store, char[] password)
      throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    for (KeyManager km : kmf.getKeyManagers()) {
      if (km instanceof X509ExtendedKeyManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 key manager");
  }
}
