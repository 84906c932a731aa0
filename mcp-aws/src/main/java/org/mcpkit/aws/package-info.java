/**
 * mcpkit on AWS: secrets from AWS Secrets Manager ({@link org.mcpkit.aws.AwsSecretsManagerSource}).
 * The AWS SDK v2 runs with its blocking URL-connection HTTP client (no Netty, no Apache client).
 */
package org.mcpkit.aws;
