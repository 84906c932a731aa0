package org.mcpkit.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/** The one way this module builds an AWS client: URL-connection HTTP, bounded timeouts and attempts. */
final class ClientSettings {
  private ClientSettings() {}

  static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B apply(
      B b, Region region, URI endpoint, AwsCredentialsProvider credentials, Duration timeout, int maxAttempts) {
    RetryStrategy retries = StandardRetryStrategy.builder().maxAttempts(maxAttempts).build();
    b.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
        .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
        .overrideConfiguration(o -> o.retryStrategy(retries).apiCallTimeout(timeout.multipliedBy(maxAttempts)));
    if (region != null) {
      b.region(region);
    }
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    return b;
  }
}
