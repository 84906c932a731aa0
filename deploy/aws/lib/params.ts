/**
 * The parameters of the stack, read from CDK context (`cdk synth -c name=value` or cdk.json), with
 * their defaults and the checks that keep the timeouts consistent with each other. Every name here
 * is documented in ../README.md.
 */

/** Where the container image comes from. */
export type ImageSource =
  | { kind: 'tarball'; path: string } // a Jib tar (jib:buildTar), pushed to the CDK assets ECR repository on deploy
  | { kind: 'uri'; uri: string }; // an image already in a registry (an ECR URI gets pull rights, anything else is pulled as is)

export interface McpServiceParams {
  /** ARN of the ACM certificate of the HTTPS listener (required). */
  readonly certificateArn: string;
  readonly image: ImageSource;
  /** CPU architecture of the image: `X86_64` (Jib's default) or `ARM64` (Graviton). */
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
  /** Fargate task size. */
  readonly cpu: number;
  readonly memoryMiB: number;
  /** The container port and MCP path (MCP_PORT, MCP_PATH). */
  readonly containerPort: number;
  readonly mcpPath: string;
  /** Public MCP URL (`https://mcp.example.com/mcp`): MCP_PUBLIC_URL, the RFC 9728 resource. */
  readonly publicUrl?: string;
  /** Browser origins allowed to call (MCP_ALLOWED_ORIGINS), comma-separated. */
  readonly allowedOrigins?: string;
  /** OAuth issuer (MCP_AUTH_ISSUER) and required scope (MCP_AUTH_SCOPE); auth is off without an issuer. */
  readonly authIssuer?: string;
  readonly authScope?: string;
  /** Existing Secrets Manager secrets to inject instead of the ones the stack creates. */
  readonly oauthClientSecretArn?: string;
  readonly sealingKeysSecretArn?: string;
  /** Task count bounds of the auto-scaling. */
  readonly minTasks: number;
  readonly maxTasks: number;
  /** Target of the scaling policy: average open SSE streams per task. */
  readonly openStreamsPerTask: number;
  /** The server's SSE keep-alive interval (seconds, MCP_KEEPALIVE); the ALB idle timeout must be above it. */
  readonly keepAliveSeconds: number;
  /** The server's own connection idle timeout (seconds, Undertow 75 s); the ALB's must be below it. */
  readonly serverIdleTimeoutSeconds: number;
  /** ALB idle timeout (seconds). */
  readonly idleTimeoutSeconds: number;
  /** Drain timeout after SIGTERM (MCP_DRAIN_TIMEOUT) and the target group's deregistration delay. */
  readonly drainTimeoutSeconds: number;
  /** ElastiCache Redis (replication group, cluster mode disabled) for 2025-era sessions and the buses. */
  readonly redis: boolean;
  readonly redisNodeType: string;
  readonly redisReplicas: number;
  readonly redisSnapshotRetentionDays: number;
  /** CloudWatch namespace of the EMF metrics (MCP_EMF_NAMESPACE). */
  readonly metricsNamespace: string;
  readonly logRetentionDays: number;
  /** E-mail address subscribed to the alarms' SNS topic (optional). */
  readonly alarmEmail?: string;
  /** CIDR allowed to reach the load balancer on 80/443 (default anyone: it is a public endpoint). */
  readonly ingressCidr: string;
  readonly maxAzs: number;
  readonly natGateways: number;
}

/** Fargate's ceiling for the container stop timeout. */
export const FARGATE_MAX_STOP_TIMEOUT = 120;
/** Seconds the stop timeout keeps above the drain timeout (JVM exit, log flush). */
export const STOP_TIMEOUT_MARGIN = 15;

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const DEFAULTS = {
  image: { kind: 'tarball', path: '../../mcp-examples/target/jib-image.tar' } as ImageSource,
  cpuArchitecture: 'X86_64' as const,
  cpu: 512,
  memoryMiB: 1024,
  containerPort: 8080,
  mcpPath: '/mcp',
  minTasks: 2,
  maxTasks: 10,
  openStreamsPerTask: 500,
  keepAliveSeconds: 15,
  serverIdleTimeoutSeconds: 75,
  idleTimeoutSeconds: 60,
  drainTimeoutSeconds: 30,
  redis: true,
  redisNodeType: 'cache.t4g.small',
  redisReplicas: 1,
  redisSnapshotRetentionDays: 7,
  metricsNamespace: 'mcpkit',
  logRetentionDays: 30,
  ingressCidr: '0.0.0.0/0',
  maxAzs: 2,
  natGateways: 1,
};

/** Reads context values (all strings on the command line) into checked parameters. */
export function paramsFromContext(get: (key: string) => unknown): McpServiceParams {
  const str = (key: string): string | undefined => {
    const v = get(key);
    if (v === undefined || v === null || v === '') return undefined;
    return String(v);
  };
  const num = (key: string, dflt: number): number => {
    const v = str(key);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Error(`context ${key} must be a whole number, got '${v}'`);
    return n;
  };
  const bool = (key: string, dflt: boolean): boolean => {
    const v = str(key);
    if (v === undefined) return dflt;
    if (v !== 'true' && v !== 'false') throw new Error(`context ${key} must be true or false, got '${v}'`);
    return v === 'true';
  };
  const certificateArn = str('certificateArn');
  if (certificateArn === undefined) {
    throw new Error('context certificateArn is required: the ARN of the ACM certificate for the HTTPS listener (-c certificateArn=arn:aws:acm:...)');
  }
  const imageUri = str('imageUri');
  const imageTarball = str('imageTarball');
  if (imageUri !== undefined && imageTarball !== undefined) {
    throw new Error('give either context imageUri or imageTarball, not both');
  }
  const arch = str('cpuArchitecture') ?? DEFAULTS.cpuArchitecture;
  if (arch !== 'X86_64' && arch !== 'ARM64') {
    throw new Error(`context cpuArchitecture must be X86_64 or ARM64, got '${arch}'`);
  }
  const params: McpServiceParams = {
    certificateArn,
    image: imageUri !== undefined ? { kind: 'uri', uri: imageUri }
      : imageTarball !== undefined ? { kind: 'tarball', path: imageTarball } : DEFAULTS.image,
    cpuArchitecture: arch,
    cpu: num('cpu', DEFAULTS.cpu),
    memoryMiB: num('memoryMiB', DEFAULTS.memoryMiB),
    containerPort: num('containerPort', DEFAULTS.containerPort),
    mcpPath: str('mcpPath') ?? DEFAULTS.mcpPath,
    publicUrl: str('publicUrl'),
    allowedOrigins: str('allowedOrigins'),
    authIssuer: str('authIssuer'),
    authScope: str('authScope'),
    oauthClientSecretArn: str('oauthClientSecretArn'),
    sealingKeysSecretArn: str('sealingKeysSecretArn'),
    minTasks: num('minTasks', DEFAULTS.minTasks),
    maxTasks: num('maxTasks', DEFAULTS.maxTasks),
    openStreamsPerTask: num('openStreamsPerTask', DEFAULTS.openStreamsPerTask),
    keepAliveSeconds: num('keepAliveSeconds', DEFAULTS.keepAliveSeconds),
    serverIdleTimeoutSeconds: num('serverIdleTimeoutSeconds', DEFAULTS.serverIdleTimeoutSeconds),
    idleTimeoutSeconds: num('idleTimeoutSeconds', DEFAULTS.idleTimeoutSeconds),
    drainTimeoutSeconds: num('drainTimeoutSeconds', DEFAULTS.drainTimeoutSeconds),
    redis: bool('redis', DEFAULTS.redis),
    redisNodeType: str('redisNodeType') ?? DEFAULTS.redisNodeType,
    redisReplicas: num('redisReplicas', DEFAULTS.redisReplicas),
    redisSnapshotRetentionDays: num('redisSnapshotRetentionDays', DEFAULTS.redisSnapshotRetentionDays),
    metricsNamespace: str('metricsNamespace') ?? DEFAULTS.metricsNamespace,
    logRetentionDays: num('logRetentionDays', DEFAULTS.logRetentionDays),
    alarmEmail: str('alarmEmail'),
    ingressCidr: str('ingressCidr') ?? DEFAULTS.ingressCidr,
    maxAzs: num('maxAzs', DEFAULTS.maxAzs),
    natGateways: num('natGateways', DEFAULTS.natGateways),
  };
  checkParams(params);
  return params;
}

/** Throws on a parameter set whose timeouts would cut streams or kill draining tasks. */
export function checkParams(p: McpServiceParams): void {
  if (!/^arn:aws[a-z-]*:acm:/.test(p.certificateArn)) {
    throw new Error(`certificateArn must be an ACM certificate ARN, got '${p.certificateArn}'`);
  }
  if (!p.mcpPath.startsWith('/')) throw new Error(`mcpPath must start with '/', got '${p.mcpPath}'`);
  if (p.keepAliveSeconds < 1) throw new Error('keepAliveSeconds must be positive: without keep-alives the ALB cuts idle streams');
  if (p.idleTimeoutSeconds <= p.keepAliveSeconds) {
    throw new Error(`idleTimeoutSeconds (${p.idleTimeoutSeconds}) must be above keepAliveSeconds (${p.keepAliveSeconds}), or the ALB cuts idle SSE streams between keep-alives`);
  }
  if (p.idleTimeoutSeconds >= p.serverIdleTimeoutSeconds) {
    throw new Error(`idleTimeoutSeconds (${p.idleTimeoutSeconds}) must be below serverIdleTimeoutSeconds (${p.serverIdleTimeoutSeconds}), or the ALB reuses connections the server is closing (502)`);
  }
  if (p.idleTimeoutSeconds < 1 || p.idleTimeoutSeconds > 4000) throw new Error('idleTimeoutSeconds must be 1-4000');
  if (p.drainTimeoutSeconds < 1 || p.drainTimeoutSeconds + STOP_TIMEOUT_MARGIN > FARGATE_MAX_STOP_TIMEOUT) {
    throw new Error(`drainTimeoutSeconds must be 1-${FARGATE_MAX_STOP_TIMEOUT - STOP_TIMEOUT_MARGIN} (Fargate stops a task at most ${FARGATE_MAX_STOP_TIMEOUT} s after SIGTERM), got ${p.drainTimeoutSeconds}`);
  }
  if (p.minTasks < 1 || p.maxTasks < p.minTasks) throw new Error(`need 1 <= minTasks <= maxTasks, got ${p.minTasks}, ${p.maxTasks}`);
  if (p.openStreamsPerTask < 1) throw new Error('openStreamsPerTask must be positive');
  if (p.redisReplicas < 0 || p.redisReplicas > 5) throw new Error('redisReplicas must be 0-5');
  if (p.redisSnapshotRetentionDays < 0 || p.redisSnapshotRetentionDays > 35) throw new Error('redisSnapshotRetentionDays must be 0-35');
  if (p.authIssuer !== undefined && p.publicUrl === undefined) {
    throw new Error('authIssuer needs publicUrl: tokens are checked for the public canonical URL, which the task cannot see behind the ALB');
  }
  if (!LOG_RETENTION_DAYS.includes(p.logRetentionDays)) {
    throw new Error(`logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')}, got ${p.logRetentionDays}`);
  }
  if (p.maxAzs < 2) throw new Error('maxAzs must be at least 2 (an ALB needs two zones)');
}

/** Fargate stop timeout for a drain timeout: the JVM gets its drain plus a margin, within Fargate's limit. */
export function stopTimeoutSeconds(p: McpServiceParams): number {
  return Math.min(FARGATE_MAX_STOP_TIMEOUT, p.drainTimeoutSeconds + STOP_TIMEOUT_MARGIN);
}
