package org.mcpkit.aws;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.mcpkit.server.http.StoreUnavailableException;
import org.mcpkit.server.vault.KeyEncryptionKey;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * A {@link KeyEncryptionKey} in AWS KMS: {@code Encrypt} and {@code Decrypt} of each token-vault
 * data key under one symmetric KMS key, with the encryption context {@code {"mcpkit:vault": <SHA-256
 * of the vault context, base64url>}} (KMS refuses to decrypt under another owner's context; the
 * digest keeps owner names out of CloudTrail). A ciphertext of another key or context is an {@link
 * IllegalArgumentException}; KMS not answering is a {@link StoreUnavailableException}. The key
 * material never leaves KMS. Thread-safe; {@link #close()} closes a client this class built.
 */
public final class KmsKeyEncryptionKey implements KeyEncryptionKey, AutoCloseable {
  /** The encryption-context key. */
  public static final String CONTEXT_KEY = "mcpkit:vault";

  private final KmsClient client;
  private final String kmsKeyId;
  private final boolean owned;

  private KmsKeyEncryptionKey(KmsClient client, String kmsKeyId, boolean owned) {
    this.client = client;
    this.kmsKeyId = kmsKeyId;
    this.owned = owned;
  }

  /** The KMS key {@code kmsKeyId} (key id, ARN or alias) through a client the caller built (and closes). */
  public static KmsKeyEncryptionKey of(KmsClient client, String kmsKeyId) {
    return new KmsKeyEncryptionKey(Objects.requireNonNull(client, "client"), checked(kmsKeyId), false);
  }

  /** A builder for the KMS key {@code kmsKeyId} (key id, ARN or alias) with its own client. */
  public static Builder builder(String kmsKeyId) {
    return new Builder(checked(kmsKeyId));
  }

  private static String checked(String kmsKeyId) {
    Objects.requireNonNull(kmsKeyId, "kmsKeyId");
    if (kmsKeyId.isEmpty() || kmsKeyId.length() > 255) {
      throw new IllegalArgumentException("KMS key id must be 1 to 255 characters");
    }
    return kmsKeyId;
  }

  @Override
  public String keyId() {
    return kmsKeyId;
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] context) {
    try {
      return client.encrypt(b -> b.keyId(kmsKeyId).plaintext(SdkBytes.fromByteArray(dataKey)).encryptionContext(context(context)))
          .ciphertextBlob().asByteArray();
    } catch (SdkException e) {
      throw new StoreUnavailableException(e);
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] context) {
    try {
      return client.decrypt(b -> b.keyId(kmsKeyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped)).encryptionContext(context(context)))
          .plaintext().asByteArray();
    } catch (InvalidCiphertextException | IncorrectKeyException e) {
      throw new IllegalArgumentException("KMS refused the wrapped key (" + e.awsErrorDetails().errorCode() + ")");
    } catch (SdkException e) {
      throw new StoreUnavailableException(e);
    }
  }

  private static Map<String, String> context(byte[] context) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(context);
      return Map.of(CONTEXT_KEY, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closes the client if this class built it. */
  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "KmsKeyEncryptionKey[" + kmsKeyId + "]";
  }

  /** Builds a {@link KmsKeyEncryptionKey} with its own client. Not thread-safe. */
  public static final class Builder {
    private final String kmsKeyId;
    private Region region;
    private URI endpoint;
    private AwsCredentialsProvider credentials;
    private Duration timeout = Duration.ofSeconds(5);
    private int maxAttempts = 3;

    private Builder(String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
    }

    /** The region (default: the SDK's region chain). */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Another endpoint (a VPC endpoint, a test server). */
    public Builder endpointOverride(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** The credentials (default: the SDK's default chain). */
    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Connect and socket timeout of each attempt; the call's timeout is this times the attempts (default 5 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** Attempts per call, the first included (default 3). */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("at least one attempt");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Builds the key and its client. */
    public KmsKeyEncryptionKey build() {
      return new KmsKeyEncryptionKey(ClientSettings.apply(KmsClient.builder(), region, endpoint, credentials, timeout, maxAttempts).build(), kmsKeyId, true);
    }
  }
}
