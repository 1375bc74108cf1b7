import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import type { BedrockFallback } from '../config/schema/gateway.js';
import type { Static } from '@sinclair/typebox';
import {
  AGENTGATEWAY_API,
  AGENTGATEWAY_V1ALPHA1,
  customResource,
  GATEWAY_API,
  GATEWAY_API_V1,
  INFERENCE_API,
  INFERENCE_V1,
} from '../gateway/custom-resource.js';
import { AI_GATEWAY, AI_GATEWAY_LISTENER, celString, GATEWAY_NAMESPACE, MODEL_ID_HEADER, OPENAI_PATHS } from '../gateway/routing.js';
import { PORTS } from '../lib/ports.js';

/** Pinned image of the endpoint picker (Gateway API Inference Extension EPP; serves inference.networking.k8s.io/v1 pools). */
export const ENDPOINT_PICKER_IMAGE = 'registry.k8s.io/gateway-api-inference-extension/epp:v1.5.0';
/** Label value (app.kubernetes.io/component) of every endpoint picker pod. */
export const ENDPOINT_PICKER_COMPONENT = 'endpoint-picker';
const EPP_HEALTH_PORT = 9003;
const EPP_METRICS_PORT = 9090;

/**
 * How the AI gateway handles each OpenAI path: chat completions and embeddings in their formats (token counting, model
 * override); the legacy completions API passes through unchanged.
 */
export const OPENAI_ROUTE_TYPES: Readonly<Record<(typeof OPENAI_PATHS)[number], string>> = {
  '/v1/chat/completions': 'Completions',
  '/v1/completions': 'Passthrough',
  '/v1/embeddings': 'Embeddings',
};

/** HTTP codes a model call is retried on. */
export const RETRY_CODES = [500, 502, 503, 504] as const;

export interface ModelRouteProps {
  /** Catalog name: the served model name, the x-model-id value, the route's name. */
  readonly model: string;
  readonly namespace: string;
  /** Labels of the primary replicas (the InferencePool's selector). */
  readonly primarySelector: Record<string, string>;
  /** Port the model server listens on. */
  readonly port: number;
  /** The canary's Service and its share of the traffic (%), from the catalog. @default - no canary */
  readonly canary?: { readonly service: string; readonly weight: number };
  /** Secondary backend when every replica fails. @default - none */
  readonly fallback?: Static<typeof BedrockFallback>;
  /** Callers (tenant names, and the platform's agents) allowed to call this model. */
  readonly callers: readonly string[];
  readonly requestTimeout: string;
  readonly retries: number;
}

/** Name of the canary's AgentgatewayBackend. */
export function canaryBackendName(model: string): string {
  return `${model}-canary`;
}

/**
 * Everything that routes calls to one catalog model, in the model's namespace:
 * - an InferencePool over the primary replicas with its endpoint picker (Deployment, Service, RBAC), so each call
 *   goes to the least-loaded vLLM replica;
 * - an AgentgatewayBackend per variant (primary: the pool; canary: its Service), OpenAI-compatible, the model name
 *   fixed to this model; with a fallback, a second priority group (Bedrock) that takes over when the first fails;
 * - an HTTPRoute on the AI gateway: the OpenAI paths with `x-model-id: <model>` (set from the body's `model` when
 *   absent), split between primary and canary by the catalog's weight, with the request timeout;
 * - an AgentgatewayPolicy: only the allowed callers (per-tenant model authorization) and retries.
 */
export class ModelRoute extends Construct {
  constructor(scope: Construct, id: string, props: ModelRouteProps) {
    super(scope, id);
    const { model, namespace } = props;
    const epp = `${model}-epp`;

    customResource(this, 'pool', INFERENCE_V1, 'InferencePool', { name: model, namespace }, {
      selector: { matchLabels: props.primarySelector },
      targetPorts: [{ number: props.port }],
      // Without its picker, the pool still serves: any ready replica beats failing every call.
      endpointPickerRef: { group: '', kind: 'Service', name: epp, port: { number: PORTS.endpointPicker }, failureMode: 'FailOpen' },
    });
    new EndpointPicker(this, 'epp', { name: epp, pool: model, namespace });

    const formats = [{ type: 'Completions' }, { type: 'Embeddings' }];
    const servedBy = (name: string, target: object) => ({ name, custom: { backendRef: target, formats, model } });
    const backend = (name: string, primary: object) =>
      customResource(this, `backend-${name}`, AGENTGATEWAY_V1ALPHA1, 'AgentgatewayBackend', { name, namespace }, {
        ai: props.fallback
          ? {
              // Priority order: the self-hosted model first, the fallback only when it fails.
              groups: [
                { providers: [primary] },
                { providers: [{ name: 'fallback-bedrock', bedrock: { model: props.fallback.bedrock.model, region: props.fallback.bedrock.region } }] },
              ],
            }
          : { provider: primary },
        // How each OpenAI path is handled; without it, agentgateway treats every path as chat completions.
        policies: { ai: { routes: { ...OPENAI_ROUTE_TYPES } } },
      });
    const poolRef = { group: INFERENCE_API, kind: 'InferencePool', name: model };
    backend(model, props.fallback ? servedBy(model, poolRef) : { custom: { backendRef: poolRef, formats, model } });
    if (props.canary) {
      const serviceRef = { group: '', kind: 'Service', name: props.canary.service, port: props.port };
      backend(canaryBackendName(model), props.fallback ? servedBy(canaryBackendName(model), serviceRef) : { custom: { backendRef: serviceRef, formats, model } });
    }

    const backendRef = (name: string, weight?: number) => ({ group: AGENTGATEWAY_API, kind: 'AgentgatewayBackend', name, ...(weight === undefined ? {} : { weight }) });
    customResource(this, 'route', GATEWAY_API_V1, 'HTTPRoute', { name: model, namespace }, {
      parentRefs: [{ group: GATEWAY_API, kind: 'Gateway', name: AI_GATEWAY, namespace: GATEWAY_NAMESPACE, sectionName: AI_GATEWAY_LISTENER }],
      rules: [
        {
          name: 'openai',
          matches: OPENAI_PATHS.map((path) => ({
            path: { type: 'PathPrefix', value: path },
            headers: [{ type: 'Exact', name: MODEL_ID_HEADER, value: model }],
          })),
          backendRefs: props.canary
            ? [backendRef(model, 100 - props.canary.weight), backendRef(canaryBackendName(model), props.canary.weight)]
            : [backendRef(model)],
          timeouts: { request: props.requestTimeout },
        },
      ],
    });

    // Allow rules of several policies on one route are merged (any one allows), so a long caller list is split into
    // policies of at most CALLERS_PER_POLICY names: a CEL expression holds at most 16384 characters.
    const allow = (callers: readonly string[]) => ({ action: 'Allow', policy: { matchExpressions: [`apiKey.tenant in [${callers.map(celString).join(', ')}]`] } });
    const chunks = chunk(props.callers, CALLERS_PER_POLICY);
    const targetRefs = [{ group: GATEWAY_API, kind: 'HTTPRoute', name: model }];
    customResource(this, 'policy', AGENTGATEWAY_V1ALPHA1, 'AgentgatewayPolicy', { name: model, namespace }, {
      targetRefs,
      traffic: {
        authorization: allow(chunks[0]),
        ...(props.retries > 0 ? { retry: { attempts: props.retries, codes: [...RETRY_CODES], backoff: '500ms' } } : {}),
      },
    });
    chunks.slice(1).forEach((callers, i) => {
      customResource(this, `policy-${i + 2}`, AGENTGATEWAY_V1ALPHA1, 'AgentgatewayPolicy', { name: `${model}-callers-${i + 2}`, namespace }, {
        targetRefs,
        traffic: { authorization: allow(callers) },
      });
    });
  }
}

interface EndpointPickerProps {
  readonly name: string;
  readonly pool: string;
  readonly namespace: string;
}

/**
 * The endpoint picker of one InferencePool: an ext-proc server the AI gateway asks which replica should take each
 * call (queue depth, KV-cache use, prefix cache). One replica with Recreate (its scoring state is in memory), read
 * access to its pool and the pods, non-root and read-only.
 */
class EndpointPicker extends Construct {
  constructor(scope: Construct, id: string, props: EndpointPickerProps) {
    super(scope, id);
    const { name, namespace } = props;
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': ENDPOINT_PICKER_COMPONENT };

    new k8s.KubeServiceAccount(this, 'account', { metadata: { name, namespace } });
    new k8s.KubeRole(this, 'role', {
      metadata: { name, namespace },
      rules: [
        { apiGroups: [INFERENCE_API], resources: ['inferencepools'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      ],
    });
    new k8s.KubeRoleBinding(this, 'binding', {
      metadata: { name, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    });

    const grpcHealth = { grpc: { port: EPP_HEALTH_PORT, service: 'inference-extension' } };
    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name, namespace, labels },
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            // Mirrors the longest grace period of the pool's model servers.
            terminationGracePeriodSeconds: 130,
            securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'epp',
                image: ENDPOINT_PICKER_IMAGE,
                args: ['--pool-name', props.pool, '--pool-namespace', namespace, '--zap-encoder', 'json'],
                env: [{ name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
                ports: [
                  { name: 'grpc', containerPort: PORTS.endpointPicker, protocol: 'TCP' },
                  { name: 'grpc-health', containerPort: EPP_HEALTH_PORT, protocol: 'TCP' },
                  { name: 'metrics', containerPort: EPP_METRICS_PORT, protocol: 'TCP' },
                ],
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('250m'), memory: k8s.Quantity.fromString('256Mi') },
                  limits: { cpu: k8s.Quantity.fromString('1'), memory: k8s.Quantity.fromString('1Gi') },
                },
                readinessProbe: { ...grpcHealth, initialDelaySeconds: 5, periodSeconds: 10 },
                livenessProbe: { ...grpcHealth, initialDelaySeconds: 5, periodSeconds: 10 },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    });

    new k8s.KubeService(this, 'service', {
      metadata: { name, namespace, labels },
      spec: {
        selector: labels,
        ports: [
          { name: 'grpc-ext-proc', port: PORTS.endpointPicker, targetPort: k8s.IntOrString.fromString('grpc'), protocol: 'TCP', appProtocol: 'http2' },
          { name: 'http-metrics', port: EPP_METRICS_PORT, targetPort: k8s.IntOrString.fromString('metrics'), protocol: 'TCP' },
        ],
      },
    });
  }
}

/** Callers named in one authorization expression: 250 tenant names (at most 56 characters each) stay under CEL's 16384. */
export const CALLERS_PER_POLICY = 250;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}
