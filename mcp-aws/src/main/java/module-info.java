/**
 * mcpkit on AWS: {@link org.mcpkit.aws.AwsSecretsManagerSource}, a {@code SecretSource} reading AWS
 * Secrets Manager, and {@link org.mcpkit.aws.KmsKeyEncryptionKey}, a token-vault key-encryption key
 * in AWS KMS; AWS SDK v2 with its URL-connection HTTP client.
 */
module org.mcpkit.aws {
  requires transitive org.mcpkit;
  requires transitive software.amazon.awssdk.services.secretsmanager;
  requires transitive software.amazon.awssdk.services.kms;
  requires transitive software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires org.slf4j;

  exports org.mcpkit.aws;
}
