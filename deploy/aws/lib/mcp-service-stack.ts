import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { McpServiceParams, stopTimeoutSeconds } from './params';

/** The metric the scaling policy tracks: the per-task total of open SSE streams (EMF, no dimensions). */
export const OPEN_STREAMS_METRIC = 'mcp.server.streams.open';
/** The operation counts the tool-error alarm divides (EMF roll-ups of mcp.server.operation.duration). */
export const OPERATION_COUNT_METRIC = 'mcp.server.operation.duration.count';

export interface McpServiceStackProps extends cdk.StackProps {
  readonly params: McpServiceParams;
}

/**
 * The MCP server on ECS Fargate in private subnets behind an internet-facing ALB that terminates
 * TLS, scaled on open streams per task, with its secrets from Secrets Manager, ElastiCache Redis for
 * state shared between tasks, and CloudWatch logs, dashboard and alarms.
 */
export class McpServiceStack extends cdk.Stack {
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly taskDefinition: ecs.FargateTaskDefinition;

  constructor(scope: Construct, id: string, props: McpServiceStackProps) {
    super(scope, id, props);
    const p = props.params;

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: p.maxAzs,
      natGateways: p.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
    });

    // Security groups: the world reaches the ALB on 80/443, only the ALB reaches the tasks, only
    // the tasks reach Redis.
    const albSg = new ec2.SecurityGroup(this, 'AlbSecurityGroup', { vpc, allowAllOutbound: false, description: 'MCP load balancer' });
    albSg.addIngressRule(ec2.Peer.ipv4(p.ingressCidr), ec2.Port.tcp(443), 'HTTPS');
    albSg.addIngressRule(ec2.Peer.ipv4(p.ingressCidr), ec2.Port.tcp(80), 'HTTP, redirected to HTTPS');
    const taskSg = new ec2.SecurityGroup(this, 'TaskSecurityGroup', { vpc, allowAllOutbound: true, description: 'MCP tasks' });
    taskSg.addIngressRule(albSg, ec2.Port.tcp(p.containerPort), 'from the load balancer only');
    albSg.addEgressRule(taskSg, ec2.Port.tcp(p.containerPort), 'to the tasks');

    // Secrets: the stack creates them unless existing ones are named. ECS injects them at task
    // start (a rotation takes effect with the next deployment).
    const oauth = p.oauthClientSecretArn !== undefined
      ? secretsmanager.Secret.fromSecretCompleteArn(this, 'OAuthClient', p.oauthClientSecretArn)
      : new secretsmanager.Secret(this, 'OAuthClient', {
        description: 'OAuth client credentials of the MCP server ({"clientId","clientSecret"}); set clientId after deploy',
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ clientId: 'set-me' }),
          generateStringKey: 'clientSecret',
          excludePunctuation: true,
          passwordLength: 48,
        },
      });
    const sealing = p.sealingKeysSecretArn !== undefined
      ? secretsmanager.Secret.fromSecretCompleteArn(this, 'SealingKeys', p.sealingKeysSecretArn)
      : new secretsmanager.Secret(this, 'SealingKeys', {
        description: 'Key ring sealing MCP requestState, the same for every task (MCP_SEALING_KEYS: current key first)',
        generateSecretString: { excludePunctuation: true, passwordLength: 64 },
      });
    const secrets: Record<string, ecs.Secret> = {
      MCP_OAUTH_CLIENT_ID: ecs.Secret.fromSecretsManager(oauth, 'clientId'),
      MCP_OAUTH_CLIENT_SECRET: ecs.Secret.fromSecretsManager(oauth, 'clientSecret'),
      MCP_SEALING_KEYS: ecs.Secret.fromSecretsManager(sealing),
    };

    const environment: Record<string, string> = {
      MCP_HOST: '0.0.0.0',
      MCP_PORT: String(p.containerPort),
      MCP_PATH: p.mcpPath,
      MCP_DRAIN_TIMEOUT: String(p.drainTimeoutSeconds),
      MCP_KEEPALIVE: String(p.keepAliveSeconds),
      MCP_METRICS: 'emf',
      MCP_EMF_NAMESPACE: p.metricsNamespace,
      MCP_EMF_INTERVAL: '60',
    };
    if (p.publicUrl !== undefined) environment.MCP_PUBLIC_URL = p.publicUrl;
    if (p.allowedOrigins !== undefined) environment.MCP_ALLOWED_ORIGINS = p.allowedOrigins;
    if (p.authIssuer !== undefined) environment.MCP_AUTH_ISSUER = p.authIssuer;
    if (p.authScope !== undefined) environment.MCP_AUTH_SCOPE = p.authScope;

    if (p.redis) {
      const redisSg = new ec2.SecurityGroup(this, 'RedisSecurityGroup', { vpc, allowAllOutbound: false, description: 'MCP Redis' });
      redisSg.addIngressRule(taskSg, ec2.Port.tcp(6379), 'from the tasks only');
      const subnets = new elasticache.CfnSubnetGroup(this, 'RedisSubnets', {
        description: 'MCP Redis, private subnets',
        subnetIds: vpc.privateSubnets.map((s) => s.subnetId),
      });
      const auth = new secretsmanager.Secret(this, 'RedisAuth', {
        description: 'AUTH token of the MCP Redis (MCP_REDIS_PASSWORD)',
        generateSecretString: { excludePunctuation: true, passwordLength: 64 },
      });
      const redis = new elasticache.CfnReplicationGroup(this, 'Redis', {
        replicationGroupDescription: 'MCP sessions, events and buses',
        engine: 'redis',
        cacheNodeType: p.redisNodeType,
        numCacheClusters: 1 + p.redisReplicas,
        automaticFailoverEnabled: p.redisReplicas > 0,
        multiAzEnabled: p.redisReplicas > 0,
        transitEncryptionEnabled: true,
        atRestEncryptionEnabled: true,
        authToken: auth.secretValue.unsafeUnwrap(), // a {{resolve:secretsmanager}} reference, not the value
        cacheSubnetGroupName: subnets.ref,
        securityGroupIds: [redisSg.securityGroupId],
        snapshotRetentionLimit: p.redisSnapshotRetentionDays,
        snapshotWindow: '03:00-04:00',
        preferredMaintenanceWindow: 'sun:04:30-sun:05:30',
      });
      redis.applyRemovalPolicy(cdk.RemovalPolicy.SNAPSHOT);
      environment.MCP_REDIS_URL = cdk.Fn.join('', ['rediss://', redis.attrPrimaryEndPointAddress, ':', redis.attrPrimaryEndPointPort]);
      secrets.MCP_REDIS_PASSWORD = ecs.Secret.fromSecretsManager(auth);
    }

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: p.logRetentionDays as logs.RetentionDays,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // The task role stays empty: the server calls no AWS API (metrics leave as EMF log lines, secrets
    // arrive as environment variables through the execution role).
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: p.cpu,
      memoryLimitMiB: p.memoryMiB,
      runtimePlatform: {
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
        cpuArchitecture: p.cpuArchitecture === 'ARM64' ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
      },
    });
    this.taskDefinition.addContainer('mcp', {
      image: containerImage(this, p),
      essential: true,
      readonlyRootFilesystem: false, // the tour writes its sample notes to a temporary directory
      portMappings: [{ containerPort: p.containerPort, protocol: ecs.Protocol.TCP }],
      environment,
      secrets,
      stopTimeout: cdk.Duration.seconds(stopTimeoutSeconds(p)),
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'mcp', mode: ecs.AwsLogDriverMode.NON_BLOCKING }),
    });

    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    this.service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: p.minTasks,
      assignPublicIp: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [taskSg],
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      healthCheckGracePeriod: cdk.Duration.seconds(60),
      circuitBreaker: { rollback: true },
      enableExecuteCommand: false,
    });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc,
      internetFacing: true,
      securityGroup: albSg,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      idleTimeout: cdk.Duration.seconds(p.idleTimeoutSeconds),
      http2Enabled: true,
      dropInvalidHeaderFields: true,
    });
    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'Targets', {
      vpc,
      port: p.containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      targets: [this.service],
      deregistrationDelay: cdk.Duration.seconds(p.drainTimeoutSeconds),
      stickinessCookieDuration: undefined, // no stickiness: any task serves any request
      healthCheck: {
        path: '/readyz',
        healthyHttpCodes: '200',
        interval: cdk.Duration.seconds(10),
        timeout: cdk.Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
    this.targetGroup.setAttribute('stickiness.enabled', 'false');
    this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', p.certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false, // ingress is the security group's rules above
      defaultTargetGroups: [this.targetGroup],
    });
    this.loadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });

    // Scale on what the tasks actually hold: long-lived streams (a 30-minute stream is one request
    // to the ALB, and CPU stays low while it idles).
    const openStreams = new cloudwatch.Metric({
      namespace: p.metricsNamespace,
      metricName: OPEN_STREAMS_METRIC,
      statistic: cloudwatch.Stats.AVERAGE,
      period: cdk.Duration.minutes(1),
      label: 'open streams per task',
    });
    const scaling = this.service.autoScaleTaskCount({ minCapacity: p.minTasks, maxCapacity: p.maxTasks });
    scaling.scaleToTrackCustomMetric('OpenStreamsPerTask', {
      metric: openStreams,
      targetValue: p.openStreamsPerTask,
      scaleOutCooldown: cdk.Duration.seconds(60),
      scaleInCooldown: cdk.Duration.seconds(300),
    });

    monitoring(this, p, this.loadBalancer, this.targetGroup, openStreams);

    new cdk.CfnOutput(this, 'LoadBalancerDns', { value: this.loadBalancer.loadBalancerDnsName, description: 'point your DNS name (CNAME/alias) here' });
    new cdk.CfnOutput(this, 'SealingKeysSecret', { value: sealing.secretArn });
    new cdk.CfnOutput(this, 'OAuthClientSecret', { value: oauth.secretArn });
  }
}

/** The image: a Jib tar pushed as an asset, an ECR image (pull rights granted), or any registry image. */
function containerImage(scope: Construct, p: McpServiceParams): ecs.ContainerImage {
  if (p.image.kind === 'tarball') {
    return ecs.ContainerImage.fromTarball(p.image.path);
  }
  const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?$/.exec(p.image.uri);
  if (m !== null) {
    const [, account, region, name, tag] = m;
    const repository = ecr.Repository.fromRepositoryAttributes(scope, 'ImageRepository', {
      repositoryName: name,
      repositoryArn: `arn:${cdk.Aws.PARTITION}:ecr:${region}:${account}:repository/${name}`,
    });
    return ecs.ContainerImage.fromEcrRepository(repository, tag ?? 'latest');
  }
  return ecs.ContainerImage.fromRegistry(p.image.uri);
}

/** Dashboard and alarms: tool error rate, 5xx, open streams, unhealthy hosts. */
function monitoring(
  stack: cdk.Stack,
  p: McpServiceParams,
  alb: elbv2.ApplicationLoadBalancer,
  tg: elbv2.ApplicationTargetGroup,
  openStreams: cloudwatch.Metric,
): void {
  const calls = (dims: Record<string, string>) => new cloudwatch.Metric({
    namespace: p.metricsNamespace,
    metricName: OPERATION_COUNT_METRIC,
    dimensionsMap: dims,
    statistic: cloudwatch.Stats.SUM,
    period: cdk.Duration.minutes(1),
  });
  const toolErrorRate = new cloudwatch.MathExpression({
    expression: '100 * FILL(errors, 0) / calls',
    usingMetrics: {
      errors: calls({ 'mcp.method.name': 'tools/call', 'error.type': 'tool_error' }),
      calls: calls({ 'mcp.method.name': 'tools/call' }),
    },
    label: 'tool error %',
    period: cdk.Duration.minutes(1),
  });
  const target5xx = alb.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: cdk.Duration.minutes(1), statistic: 'Sum' });
  const elb5xx = alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: cdk.Duration.minutes(1), statistic: 'Sum' });
  const unhealthy = tg.metrics.unhealthyHostCount({ period: cdk.Duration.minutes(1), statistic: 'Maximum' });
  const totalStreams = openStreams.with({ statistic: cloudwatch.Stats.SUM, label: 'open streams, all tasks' });

  const alarms = [
    new cloudwatch.Alarm(stack, 'ToolErrorRateAlarm', {
      alarmDescription: 'More than 5 % of tools/call results are isError (HTTP 200s, invisible to the ALB)',
      metric: toolErrorRate, threshold: 5, evaluationPeriods: 5, datapointsToAlarm: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(stack, 'Target5xxAlarm', {
      alarmDescription: 'The tasks answer 5xx (503 while draining or while Redis is unreachable)',
      metric: target5xx, threshold: 10, evaluationPeriods: 5, datapointsToAlarm: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(stack, 'Elb5xxAlarm', {
      alarmDescription: 'The load balancer answers 5xx itself (no healthy target, 502 on closed connections)',
      metric: elb5xx, threshold: 10, evaluationPeriods: 5, datapointsToAlarm: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(stack, 'OpenStreamsAlarm', {
      alarmDescription: 'Open streams per task stay above 1.5x the scaling target: scaling is at its maximum or too slow',
      metric: openStreams, threshold: Math.round(p.openStreamsPerTask * 1.5), evaluationPeriods: 10, datapointsToAlarm: 8,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    new cloudwatch.Alarm(stack, 'UnhealthyHostsAlarm', {
      alarmDescription: 'A task fails its /readyz health check',
      metric: unhealthy, threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
  ];
  if (p.alarmEmail !== undefined) {
    const topic = new sns.Topic(stack, 'AlarmTopic');
    topic.addSubscription(new subs.EmailSubscription(p.alarmEmail));
    for (const a of alarms) a.addAlarmAction(new cwActions.SnsAction(topic));
  }

  new cloudwatch.Dashboard(stack, 'Dashboard', {
    widgets: [
      [
        new cloudwatch.GraphWidget({ title: 'Open SSE streams', left: [openStreams], right: [totalStreams], width: 12 }),
        new cloudwatch.GraphWidget({ title: 'Tool error rate (%)', left: [toolErrorRate], width: 12 }),
      ],
      [
        new cloudwatch.GraphWidget({ title: '5xx', left: [target5xx, elb5xx], width: 12 }),
        new cloudwatch.GraphWidget({ title: 'Healthy / unhealthy tasks', left: [tg.metrics.healthyHostCount(), unhealthy], width: 12 }),
      ],
      [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24 })],
    ],
  });
}
