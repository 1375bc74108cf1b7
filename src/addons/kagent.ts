import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';
import { KAGENT_API, KAGENT_NAMESPACE } from '../agents/kagent-names.js';
import { AI_GATEWAY_URL } from '../gateway/routing.js';
import { OTLP_GRPC_ENDPOINT, PLATFORM_SECRETS, TENANT_SECRETS } from '../lib/platform-services.js';

/** kagent release installed (CRDs and controller), pinned; the chart version also pins every kagent image. */
export const KAGENT_VERSION = '0.9.12';
const KAGENT_CHARTS = 'oci://ghcr.io/kagent-dev/kagent/helm';

/** Where the controller reads its database URL: a file from the PLATFORM_SECRETS.kagentDatabase Secret. */
const DATABASE_MOUNT = '/etc/kagent/database';

/** The agents, tool servers and MCP servers the kagent chart bundles as demos: all off. */
const BUNDLED_AGENTS = [
  'k8s-agent',
  'kgateway-agent',
  'istio-agent',
  'promql-agent',
  'observability-agent',
  'argo-rollouts-agent',
  'helm-agent',
  'cilium-policy-agent',
  'cilium-manager-agent',
  'cilium-debug-agent',
] as const;

/** kagent's CRDs (Agent, ModelConfig, RemoteMCPServer, ...) and, through kmcp-crds, MCPServer. */
export const KAGENT_CRDS: HelmAddon = {
  name: 'kagent-crds',
  // Only cluster-scoped CRDs; it syncs before the platform base creates ai-agents, so it targets kube-system.
  namespace: 'kube-system',
  repoURL: `${KAGENT_CHARTS}/kagent-crds`,
  version: KAGENT_VERSION,
  wave: WAVE.crds,
  crdGroups: [KAGENT_API],
  createNamespace: false,
  values: {},
};

export interface KagentOptions {
  /**
   * Namespaces the controller watches and gets a Role in (ai-agents and the tenant namespaces with agents on this
   * cluster): the chart then creates no ClusterRole for the controller.
   */
  readonly namespaces: readonly string[];
  /** Catalog model of the chart's own default ModelConfig (no platform agent uses it; it points at the AI gateway too). */
  readonly defaultModel: string;
}

/**
 * The kagent controller and UI in ai-agents: namespace-scoped RBAC and watch list, its database on an external
 * Postgres whose URL comes from a Secret (the bundled development database off), traces to the OTLP collector, the
 * bundled demo agents, tool servers and provider Secrets off, and the default ModelConfig at the AI gateway.
 * The UI stays a ClusterIP Service with no route: it is not exposed (see README, "Agent layer").
 */
export function kagent(options: KagentOptions): HelmAddon {
  const namespaces = [...new Set([KAGENT_NAMESPACE, ...options.namespaces])].sort();
  return {
    name: 'kagent',
    namespace: KAGENT_NAMESPACE,
    repoURL: `${KAGENT_CHARTS}/kagent`,
    version: KAGENT_VERSION,
    wave: WAVE.addons,
    createNamespace: false,
    // The chart renders its default ModelConfig, a kagent.dev kind whose CRD the kagent-crds Application installs.
    syncOptions: ['SkipDryRunOnMissingResource=true'],
    values: {
      database: {
        postgres: { url: '', urlFile: `${DATABASE_MOUNT}/url`, vectorEnabled: false, bundled: { enabled: false } },
      },
      rbac: { namespaces },
      controller: {
        replicas: 2,
        watchNamespaces: namespaces,
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
        volumes: [{ name: 'database', secret: { secretName: PLATFORM_SECRETS.kagentDatabase } }],
        volumeMounts: [{ name: 'database', mountPath: DATABASE_MOUNT, readOnly: true }],
      },
      ui: { replicas: 1, service: { type: 'ClusterIP' } },
      providers: {
        default: 'openAI',
        openAI: {
          provider: 'OpenAI',
          model: options.defaultModel,
          apiKeySecretRef: TENANT_SECRETS.llmApiKey,
          apiKeySecretKey: 'api-key',
          config: { baseUrl: AI_GATEWAY_URL },
        },
      },
      kmcp: { enabled: true },
      'kagent-tools': { enabled: false },
      'grafana-mcp': { enabled: false },
      querydoc: { enabled: false },
      ...Object.fromEntries(BUNDLED_AGENTS.map((a) => [a, { enabled: false }])),
      'oauth2-proxy': { enabled: false },
      otel: {
        tracing: { enabled: true, exporter: { otlp: { endpoint: OTLP_GRPC_ENDPOINT, protocol: 'grpc', insecure: true } } },
      },
    },
  };
}
