import { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s.js';
import { PORTS } from '../lib/ports.js';
import { VALKEY_ADDRESS } from '../lib/platform-services.js';
import { toYaml } from '../synth/yaml-emitter.js';

/** One caller's token budget at the AI gateway. */
export interface CallerTokenLimit {
  /** Tenant name (the `tenant` metadata of its API key). */
  readonly caller: string;
  /** LLM tokens (input and output) per minute. */
  readonly tokensPerMinute: number;
}

export interface TokenRateLimiterProps {
  readonly namespace: string;
  /** Per-caller budgets, from the tenant files. */
  readonly limits: readonly CallerTokenLimit[];
}

/** envoyproxy/ratelimit, pinned by digest (its images are tagged by commit). */
export const RATELIMIT_IMAGE = 'docker.io/envoyproxy/ratelimit:1e50889b@sha256:5bb3741fd6709bab1d498eae1a5807faa2113b712dfb236fb76c04a00871ffc9';
export const RATELIMIT_NAME = 'token-ratelimit';
/** Rate-limit domain of the AI gateway's token budgets; the gateway's policy names it too. */
export const TOKEN_LIMIT_DOMAIN = 'ai-gateway-tokens';
/** Descriptor key: the tenant named by the caller's API key. */
export const TENANT_DESCRIPTOR = 'tenant';
/**
 * Secret (in the gateway namespace) with the limiter's Valkey ACL credentials as `auth` = `<username>:<password>`,
 * filled by the data layer's ExternalSecret.
 */
export const RATELIMIT_VALKEY_SECRET = 'ratelimit-valkey';

/**
 * The per-tenant token budgets of the AI gateway, enforced by one shared rate-limit service (envoyproxy/ratelimit,
 * counters in Valkey) that every gateway replica asks. Why not agentgateway's local limits: they allow at most 16
 * conditions per policy (a fleet has thousands of tenants), and each proxy replica would count on its own. The budgets
 * are one ConfigMap generated from the tenant files (about 80 bytes a tenant), which the service reloads when it
 * changes.
 */
export class TokenRateLimiter extends Construct {
  constructor(scope: Construct, id: string, props: TokenRateLimiterProps) {
    super(scope, id);
    const { namespace } = props;
    const labels = { 'app.kubernetes.io/name': RATELIMIT_NAME, 'app.kubernetes.io/component': 'rate-limiter' };
    const config = {
      domain: TOKEN_LIMIT_DOMAIN,
      descriptors: [...props.limits]
        .sort((a, b) => (a.caller < b.caller ? -1 : a.caller > b.caller ? 1 : 0))
        .map((l) => ({ key: TENANT_DESCRIPTOR, value: l.caller, rate_limit: { unit: 'minute', requests_per_unit: l.tokensPerMinute } })),
    };
    // A plain object, not cdk8s' KubeConfigMap, whose generated toJson copies `data` key by key into a new object
    // each time (quadratic in the keys): nothing that grows with the tenants goes through it.
    new ApiObject(this, 'config', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${RATELIMIT_NAME}-config`, namespace, labels },
      // The generator's own emitter, byte-identical to cdk8s' Yaml.stringify and several times faster on a list
      // of a thousand tenants' descriptors.
      data: { 'config.yaml': toYaml(config) },
    });

    const secretEnv = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: RATELIMIT_VALKEY_SECRET, key } } });
    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: RATELIMIT_NAME, namespace, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'ratelimit',
                image: RATELIMIT_IMAGE,
                command: ['/bin/ratelimit'],
                env: [
                  { name: 'LOG_LEVEL', value: 'warn' },
                  { name: 'LOG_FORMAT', value: 'json' },
                  { name: 'USE_STATSD', value: 'false' },
                  { name: 'USE_PROMETHEUS', value: 'true' },
                  { name: 'GRPC_PORT', value: String(PORTS.rateLimitGrpc) },
                  { name: 'PORT', value: String(PORTS.rateLimitHttp) },
                  { name: 'REDIS_SOCKET_TYPE', value: 'tcp' },
                  { name: 'REDIS_URL', value: VALKEY_ADDRESS },
                  { name: 'REDIS_TLS', value: 'true' },
                  secretEnv('REDIS_AUTH', 'auth'),
                  { name: 'RUNTIME_ROOT', value: '/data' },
                  { name: 'RUNTIME_SUBDIRECTORY', value: 'ratelimit' },
                  { name: 'RUNTIME_WATCH_ROOT', value: 'false' },
                  { name: 'RUNTIME_IGNOREDOTFILES', value: 'true' },
                ],
                ports: [
                  { name: 'grpc', containerPort: PORTS.rateLimitGrpc },
                  { name: 'http', containerPort: PORTS.rateLimitHttp },
                ],
                readinessProbe: { httpGet: { path: '/healthcheck', port: k8s.IntOrString.fromString('http') }, periodSeconds: 10 },
                livenessProbe: { httpGet: { path: '/healthcheck', port: k8s.IntOrString.fromString('http') }, periodSeconds: 20, failureThreshold: 3 },
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
                  limits: { cpu: k8s.Quantity.fromString('1'), memory: k8s.Quantity.fromString('256Mi') },
                },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [{ name: 'config', mountPath: '/data/ratelimit/config', readOnly: true }],
              },
            ],
            volumes: [{ name: 'config', configMap: { name: `${RATELIMIT_NAME}-config` } }],
          },
        },
      },
    });
    new k8s.KubeService(this, 'service', {
      metadata: { name: RATELIMIT_NAME, namespace, labels },
      spec: { selector: labels, ports: [{ name: 'grpc', port: PORTS.rateLimitGrpc, targetPort: k8s.IntOrString.fromString('grpc'), appProtocol: 'kubernetes.io/h2c' }] },
    });
    new k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata: { name: RATELIMIT_NAME, namespace, labels },
      spec: { minAvailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: labels } },
    });
  }
}
