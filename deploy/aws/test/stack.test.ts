import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as cdk from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { McpServiceStack } from '../lib/mcp-service-stack';
import { paramsFromContext } from '../lib/params';

const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/mcp-feature-tour:1.2.3';

function synth(context: Record<string, string> = {}): Template {
  const app = new cdk.App();
  const all: Record<string, string> = { certificateArn: CERT, imageUri: IMAGE, ...context };
  const params = paramsFromContext((k) => all[k]);
  const stack = new McpServiceStack(app, 'Test', { params, env: { account: '123456789012', region: 'eu-west-1' } });
  return Template.fromStack(stack);
}

const template = synth();

function only(t: Template, type: string): { id: string; props: any } {
  const found = t.findResources(type);
  const ids = Object.keys(found);
  assert.equal(ids.length, 1, `one ${type}, got ${ids.join(', ')}`);
  return { id: ids[0], props: found[ids[0]].Properties };
}

function attributes(list: { Key: string; Value: string }[]): Record<string, string> {
  return Object.fromEntries(list.map((a) => [a.Key, a.Value]));
}

test('the ALB idle timeout is above the SSE keep-alive and below the server idle timeout', () => {
  const alb = only(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  const env = Object.fromEntries(only(template, 'AWS::ECS::TaskDefinition').props.ContainerDefinitions[0].Environment
    .map((e: any) => [e.Name, e.Value]));
  assert.equal(env.MCP_KEEPALIVE, '15', 'the server keeps streams alive every 15 s');
  assert.equal(alb.props.Scheme, 'internet-facing');
  assert.equal(attributes(alb.props.LoadBalancerAttributes)['idle_timeout.timeout_seconds'], '60');
  assert.equal(attributes(synth({ idleTimeoutSeconds: '70' }).findResources('AWS::ElasticLoadBalancingV2::LoadBalancer')
    [only(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer').id].Properties.LoadBalancerAttributes)['idle_timeout.timeout_seconds'], '70');
});

test('the timeouts are checked against each other', () => {
  assert.throws(() => synth({ idleTimeoutSeconds: '15' }), /idleTimeoutSeconds \(15\) must be above keepAliveSeconds \(15\)/);
  assert.throws(() => synth({ idleTimeoutSeconds: '75' }), /must be below serverIdleTimeoutSeconds \(75\)/);
  assert.throws(() => synth({ drainTimeoutSeconds: '106' }), /drainTimeoutSeconds must be 1-105/);
  assert.throws(() => synth({ certificateArn: '' }), /context certificateArn is required/);
  assert.throws(() => synth({ minTasks: 'two' }), /context minTasks must be a whole number, got 'two'/);
  assert.throws(() => synth({ authIssuer: 'https://auth.example.com' }), /authIssuer needs publicUrl/);
});

test('the target group checks /readyz, drains as long as the server does, and has no stickiness', () => {
  const tg = only(template, 'AWS::ElasticLoadBalancingV2::TargetGroup');
  assert.equal(tg.props.HealthCheckPath, '/readyz');
  assert.equal(tg.props.HealthCheckIntervalSeconds, 10);
  assert.equal(tg.props.HealthyThresholdCount, 2);
  assert.deepEqual(tg.props.Matcher, { HttpCode: '200' });
  assert.equal(tg.props.TargetType, 'ip');
  assert.equal(tg.props.Port, 8080);
  const attrs = attributes(tg.props.TargetGroupAttributes);
  assert.equal(attrs['deregistration_delay.timeout_seconds'], '30');
  assert.equal(attrs['stickiness.enabled'], 'false');
  const container = only(template, 'AWS::ECS::TaskDefinition').props.ContainerDefinitions[0];
  const env = Object.fromEntries(container.Environment.map((e: any) => [e.Name, e.Value]));
  assert.equal(env.MCP_DRAIN_TIMEOUT, '30', 'the server drains for the deregistration delay');
  assert.equal(container.StopTimeout, 45, 'Fargate waits for the drain plus a margin before SIGKILL');
  assert.equal(attributes(only(synth({ drainTimeoutSeconds: '90' }), 'AWS::ElasticLoadBalancingV2::TargetGroup').props
    .TargetGroupAttributes)['deregistration_delay.timeout_seconds'], '90');
});

test('HTTPS with the given certificate, HTTP redirected to HTTPS', () => {
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
    Port: 443,
    Protocol: 'HTTPS',
    Certificates: [{ CertificateArn: CERT }],
    DefaultActions: [Match.objectLike({ Type: 'forward' })],
  });
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
    Port: 80,
    Protocol: 'HTTP',
    DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
  });
});

test('target tracking on the published open-streams-per-task metric, not CPU or requests', () => {
  const policy = only(template, 'AWS::ApplicationAutoScaling::ScalingPolicy').props;
  assert.equal(policy.PolicyType, 'TargetTrackingScaling');
  const config = policy.TargetTrackingScalingPolicyConfiguration;
  assert.equal(config.TargetValue, 500);
  assert.equal(config.PredefinedMetricSpecification, undefined);
  assert.deepEqual(config.CustomizedMetricSpecification, {
    MetricName: 'mcp.server.streams.open', Namespace: 'mcpkit', Statistic: 'Average',
  });
  assert.equal(config.ScaleInCooldown, 300);
  const target = only(template, 'AWS::ApplicationAutoScaling::ScalableTarget').props;
  assert.equal(target.MinCapacity, 2);
  assert.equal(target.MaxCapacity, 10);
  assert.equal(target.ScalableDimension, 'ecs:service:DesiredCount');
  const container = only(template, 'AWS::ECS::TaskDefinition').props.ContainerDefinitions[0];
  const env = Object.fromEntries(container.Environment.map((e: any) => [e.Name, e.Value]));
  assert.equal(env.MCP_METRICS, 'emf', 'the tasks publish the metric as EMF log lines');
  assert.equal(env.MCP_EMF_NAMESPACE, 'mcpkit');
});

test('secrets come from Secrets Manager through the execution role; the task role has no permissions', () => {
  const secrets = template.findResources('AWS::SecretsManager::Secret');
  const id = (prefix: string) => {
    const found = Object.keys(secrets).filter((k) => k.startsWith(prefix));
    assert.equal(found.length, 1, prefix);
    return found[0];
  };
  const oauth = id('OAuthClient');
  const sealing = id('SealingKeys');
  const redisAuth = id('RedisAuth');
  const td = only(template, 'AWS::ECS::TaskDefinition').props;
  const injected = Object.fromEntries(td.ContainerDefinitions[0].Secrets.map((s: any) => [s.Name, s.ValueFrom]));
  assert.deepEqual(Object.keys(injected).sort(),
    ['MCP_OAUTH_CLIENT_ID', 'MCP_OAUTH_CLIENT_SECRET', 'MCP_REDIS_PASSWORD', 'MCP_SEALING_KEYS']);
  assert.deepEqual(injected.MCP_SEALING_KEYS, { Ref: sealing });
  assert.deepEqual(injected.MCP_REDIS_PASSWORD, { Ref: redisAuth });
  assert.deepEqual(injected.MCP_OAUTH_CLIENT_ID, { 'Fn::Join': ['', [{ Ref: oauth }, ':clientId::']] });
  assert.deepEqual(injected.MCP_OAUTH_CLIENT_SECRET, { 'Fn::Join': ['', [{ Ref: oauth }, ':clientSecret::']] });
  const env = td.ContainerDefinitions[0].Environment.map((e: any) => e.Name);
  for (const name of Object.keys(injected)) assert.ok(!env.includes(name), `${name} is not a plain variable`);

  const policies = template.findResources('AWS::IAM::Policy');
  const executionRole = td.ExecutionRoleArn['Fn::GetAtt'][0];
  const taskRole = td.TaskRoleArn['Fn::GetAtt'][0];
  const statementsOf = (role: string) => Object.values(policies)
    .filter((p: any) => p.Properties.Roles.some((r: any) => r.Ref === role))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  assert.deepEqual(statementsOf(taskRole), [], 'the server calls no AWS API');
  const role = template.findResources('AWS::IAM::Role')[taskRole].Properties;
  assert.equal(role.ManagedPolicyArns, undefined);
  assert.equal(role.Policies, undefined);
  const secretReads = statementsOf(executionRole)
    .filter((s: any) => [s.Action].flat().includes('secretsmanager:GetSecretValue'))
    .flatMap((s: any) => [s.Resource].flat());
  assert.deepEqual(secretReads.map((r: any) => r.Ref).sort(), [oauth, redisAuth, sealing].sort(),
    'the execution role reads exactly the three secrets');
});

test('existing secrets can be named instead', () => {
  const oauthArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mcp/oauth-AbCdEf';
  const sealArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mcp/sealing-GhIjKl';
  const t = synth({ oauthClientSecretArn: oauthArn, sealingKeysSecretArn: sealArn, redis: 'false' });
  assert.deepEqual(Object.keys(t.findResources('AWS::SecretsManager::Secret')), []);
  const injected = Object.fromEntries(only(t, 'AWS::ECS::TaskDefinition').props.ContainerDefinitions[0].Secrets
    .map((s: any) => [s.Name, s.ValueFrom]));
  assert.equal(injected.MCP_SEALING_KEYS, sealArn);
  assert.equal(injected.MCP_OAUTH_CLIENT_ID, `${oauthArn}:clientId::`);
  assert.deepEqual(Object.keys(t.findResources('AWS::ElastiCache::ReplicationGroup')), []);
});

test('no public task IPs and no 0.0.0.0/0 ingress on the tasks: only the ALB reaches them', () => {
  const service = only(template, 'AWS::ECS::Service').props;
  const net = service.NetworkConfiguration.AwsvpcConfiguration;
  assert.equal(net.AssignPublicIp, 'DISABLED');
  assert.equal(service.LaunchType, 'FARGATE');
  assert.equal(net.SecurityGroups.length, 1);
  const taskSg = net.SecurityGroups[0]['Fn::GetAtt'][0];
  const sgs = template.findResources('AWS::EC2::SecurityGroup');
  const albSg = only(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer').props.SecurityGroups[0]['Fn::GetAtt'][0];
  assert.equal(sgs[taskSg].Properties.SecurityGroupIngress, undefined, 'no inline (CIDR) ingress on the task group');
  const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
    .map((r: any) => r.Properties)
    .filter((r: any) => r.GroupId['Fn::GetAtt'][0] === taskSg);
  assert.deepEqual(ingress.map((r: any) => [r.IpProtocol, r.FromPort, r.ToPort, r.SourceSecurityGroupId['Fn::GetAtt'][0], r.CidrIp]),
    [['tcp', 8080, 8080, albSg, undefined]]);
  // private subnets for the tasks
  const privateSubnets = Object.entries(template.findResources('AWS::EC2::Subnet'))
    .filter(([, s]: any) => s.Properties.MapPublicIpOnLaunch === false).map(([k]) => k).sort();
  assert.deepEqual(net.Subnets.map((s: any) => s.Ref).sort(), privateSubnets);
  // the world reaches the ALB on 80 and 443 only
  assert.deepEqual(sgs[albSg].Properties.SecurityGroupIngress.map((r: any) => [r.CidrIp, r.FromPort]).sort(),
    [['0.0.0.0/0', 443], ['0.0.0.0/0', 80]]);
});

test('ElastiCache Redis: private, encrypted, snapshots kept, reachable from the tasks only', () => {
  const redis = only(template, 'AWS::ElastiCache::ReplicationGroup');
  assert.equal(redis.props.SnapshotRetentionLimit, 7);
  assert.equal(redis.props.TransitEncryptionEnabled, true);
  assert.equal(redis.props.AtRestEncryptionEnabled, true);
  assert.equal(redis.props.NumCacheClusters, 2);
  assert.equal(redis.props.AutomaticFailoverEnabled, true);
  assert.match(JSON.stringify(redis.props.AuthToken), /resolve:secretsmanager/);
  assert.equal(template.findResources('AWS::ElastiCache::ReplicationGroup')[redis.id].DeletionPolicy, 'Snapshot');
  const redisSg = redis.props.SecurityGroupIds[0]['Fn::GetAtt'][0];
  const taskSg = only(template, 'AWS::ECS::Service').props.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
  const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
    .map((r: any) => r.Properties).filter((r: any) => r.GroupId['Fn::GetAtt'][0] === redisSg);
  assert.deepEqual(ingress.map((r: any) => [r.FromPort, r.SourceSecurityGroupId['Fn::GetAtt'][0]]), [[6379, taskSg]]);
  const env = Object.fromEntries(only(template, 'AWS::ECS::TaskDefinition').props.ContainerDefinitions[0].Environment
    .map((e: any) => [e.Name, e.Value]));
  assert.deepEqual(env.MCP_REDIS_URL, { 'Fn::Join': ['', ['rediss://',
    { 'Fn::GetAtt': [redis.id, 'PrimaryEndPoint.Address'] }, ':', { 'Fn::GetAtt': [redis.id, 'PrimaryEndPoint.Port'] }]] });
  assert.equal(only(synth({ redisSnapshotRetentionDays: '14' }), 'AWS::ElastiCache::ReplicationGroup').props.SnapshotRetentionLimit, 14);
});

test('logs, dashboard and the four alarms', () => {
  assert.equal(only(template, 'AWS::Logs::LogGroup').props.RetentionInDays, 30);
  only(template, 'AWS::CloudWatch::Dashboard');
  const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).map(([k, v]: any) => [k.replace(/[0-9A-F]{8}$/, ''), v.Properties]);
  assert.deepEqual(alarms.map(([k]) => k).sort(),
    ['Elb5xxAlarm', 'OpenStreamsAlarm', 'Target5xxAlarm', 'ToolErrorRateAlarm', 'UnhealthyHostsAlarm']);
  const byName = Object.fromEntries(alarms);
  const rate = byName.ToolErrorRateAlarm.Metrics.find((m: any) => m.Expression !== undefined);
  assert.equal(rate.Expression, '100 * FILL(errors, 0) / calls');
  const errors = byName.ToolErrorRateAlarm.Metrics.find((m: any) => m.Id === 'errors').MetricStat.Metric;
  assert.deepEqual(errors.Dimensions, [{ Name: 'error.type', Value: 'tool_error' }, { Name: 'mcp.method.name', Value: 'tools/call' }]);
  assert.equal(errors.MetricName, 'mcp.server.operation.duration.count');
  const streams = byName.OpenStreamsAlarm.Metrics[0].MetricStat;
  assert.deepEqual([streams.Metric.Namespace, streams.Metric.MetricName, streams.Stat], ['mcpkit', 'mcp.server.streams.open', 'Average']);
  assert.equal(byName.OpenStreamsAlarm.Threshold, 750);
  assert.equal(byName.UnhealthyHostsAlarm.MetricName, 'UnHealthyHostCount');
  assert.equal(byName.Target5xxAlarm.MetricName, 'HTTPCode_Target_5XX_Count');
  assert.deepEqual(Object.keys(synth({ alarmEmail: 'ops@example.com' }).findResources('AWS::SNS::Subscription')).length, 1);
});

test('an ECR image URI gets pull rights; a Jib tarball becomes an image asset', () => {
  const image = only(template, 'AWS::ECS::TaskDefinition').props.ContainerDefinitions[0].Image;
  assert.deepEqual(image, { 'Fn::Join': ['', ['123456789012.dkr.ecr.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/mcp-feature-tour:1.2.3']] });
  const pulls = Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
    .filter((s: any) => [s.Action].flat().includes('ecr:BatchGetImage'));
  assert.equal(pulls.length, 1);
  assert.match(JSON.stringify(pulls[0].Resource), /:ecr:eu-west-1:123456789012:repository\/mcp-feature-tour/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-cdk-'));
  const tar = path.join(dir, 'jib-image.tar');
  fs.writeFileSync(tar, 'not really a tar: assets are only staged at synth');
  const app = new cdk.App({ outdir: path.join(dir, 'out') });
  const params = paramsFromContext((k) => ({ certificateArn: CERT, imageTarball: tar } as Record<string, string>)[k]);
  const stack = new McpServiceStack(app, 'Tar', { params, env: { account: '123456789012', region: 'eu-west-1' } });
  const assembly = app.synth();
  const tarImage = Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition');
  assert.match(JSON.stringify(Object.values(tarImage)[0]), /cdk-hnb659fds-container-assets-123456789012-eu-west-1/);
  const manifest = fs.readdirSync(assembly.directory).find((f) => f.endsWith('.assets.json'));
  assert.ok(manifest !== undefined);
  const assets = JSON.parse(fs.readFileSync(path.join(assembly.directory, manifest), 'utf8'));
  const docker = Object.values(assets.dockerImages) as any[];
  assert.equal(docker.length, 1);
  assert.match(JSON.stringify(docker[0].source.executable), /docker load/);
  fs.rmSync(dir, { recursive: true, force: true });
});
