package org.mcpkit.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.mcpkit.server.secret.SecretSource;
import org.mcpkit.server.secret.SecretUnavailableException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * A {@link SecretSource} reading AWS Secrets Manager ({@code GetSecretValue} of the {@code
 * AWSCURRENT} version): a secret's name is its name or ARN; its value is the {@code SecretString}
 * as UTF-8, or the {@code SecretBinary} bytes. Every call asks AWS, so put a {@linkplain
 * SecretSource#refreshing refreshing} cache in front (the refresh interval is how long a rotation
 * takes to reach every instance; stale-on-error rides out an AWS outage). Failures are {@link
 * SecretUnavailableException}s naming the secret and the AWS error code or exception class, never
 * a value. The client uses the SDK's URL-connection HTTP client. Thread-safe; {@link #close()}
 * closes a client this class built.
 */
public final class AwsSecretsManagerSource implements SecretSource, AutoCloseable {
  private final SecretsManagerClient client;
  private final boolean owned;

  private AwsSecretsManagerSource(SecretsManagerClient client, boolean owned) {
    this.client = client;
    this.owned = owned;
  }

  /** A source over a client the caller built (and closes). */
  public static AwsSecretsManagerSource of(SecretsManagerClient client) {
    return new AwsSecretsManagerSource(Objects.requireNonNull(client, "client"), false);
  }

  /** A builder of a source with its own client. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public byte[] bytes(String name) {
    Objects.requireNonNull(name, "name");
    GetSecretValueResponse r;
    try {
      r = client.getSecretValue(b -> b.secretId(name));
    } catch (ResourceNotFoundException e) {
      throw new SecretUnavailableException(name, "no such secret in AWS Secrets Manager", e);
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null ? e.awsErrorDetails().errorCode() : "unknown";
      throw new SecretUnavailableException(name, "AWS Secrets Manager answered " + e.statusCode() + " " + code, e);
    } catch (SdkException e) {
      throw new SecretUnavailableException(name, "AWS Secrets Manager unreachable (" + e.getClass().getSimpleName() + ")", e);
    }
    if (r.secretString() != null) {
      return r.secretString().getBytes(StandardCharsets.UTF_8);
    }
    SdkBytes binary = r.secretBinary();
    if (binary != null) {
      return binary.asByteArray();
    }
    throw new SecretUnavailableException(name, "the secret has neither a string nor a binary value");
  }

  /** Closes the client if this source built it. */
  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "AwsSecretsManagerSource";
  }

  /** Builds an {@link AwsSecretsManagerSource} with its own client. Not thread-safe. */
  public static final class Builder {
    private Region region;
    private URI endpoint;
    private AwsCredentialsProvider credentials;
    private Duration timeout = Duration.ofSeconds(5);
    private int maxAttempts = 3;

    private Builder() {}

    /** The region (default: the SDK's region chain, e.g. {@code AWS_REGION}). */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Another endpoint (a VPC endpoint, a test server). */
    public Builder endpointOverride(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** The credentials (default: the SDK's default chain: environment, web identity, ECS, instance profile). */
    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Connect and socket timeout of each HTTP attempt, and the whole call's timeout over all attempts (default 5 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** Attempts per call, the first included (default 3; 1 never retries). */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("at least one attempt");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Builds the source and its client. */
    public AwsSecretsManagerSource build() {
      SecretsManagerClientBuilder b = ClientSettings.apply(SecretsManagerClient.builder(), region, endpoint, credentials, timeout, maxAttempts);
      return new AwsSecretsManagerSource(b.build(), true);
    }
  }
}
