/**
 * mcpkit on AWS: secrets from AWS Secrets Manager ({@link org.mcpkit.aws.AwsSecretsManagerSource}) and
 * token-vault data keys wrapped by AWS KMS ({@link org.mcpkit.aws.KmsKeyEncryptionKey}).
 * The AWS SDK v2 runs with its blocking URL-connection HTTP client (no Netty, no Apache client).
 */
package org.mcpkit.aws;
