#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { McpServiceStack } from '../lib/mcp-service-stack';
import { paramsFromContext } from '../lib/params';

// Parameters come from CDK context: `cdk deploy -c certificateArn=arn:aws:acm:... -c imageUri=...`
// (see ../README.md for every name and its default).
const app = new cdk.App();
const params = paramsFromContext((key) => app.node.tryGetContext(key));
new McpServiceStack(app, String(app.node.tryGetContext('stackName') ?? 'McpServer'), {
  params,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'mcpkit MCP server on ECS Fargate behind an ALB',
});
