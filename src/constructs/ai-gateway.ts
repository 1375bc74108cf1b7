import { Construct } from 'constructs';
import { customResource, AGENTGATEWAY_API, AGENTGATEWAY_V1ALPHA1, GATEWAY_API, GATEWAY_API_V1 } from '../gateway/custom-resource.js';
import {
  AI_GATEWAY,
  AI_GATEWAY_LISTENER,
  GATEWAY_NAME_LABEL,
  LLM_CREDENTIAL_LABEL,
  MODEL_ID_HEADER,
  MODEL_NAMESPACE,
} from '../gateway/routing.js';
import { NAMESPACE_NAME_LABEL } from '../lib/names.js';
import { PORTS } from '../lib/ports.js';
import { PodMetricsScrape } from './pod-monitor.js';
import { RATELIMIT_NAME, TENANT_DESCRIPTOR, TOKEN_LIMIT_DOMAIN, TokenRateLimiter, type CallerTokenLimit } from './token-rate-limiter.js';

export type { CallerTokenLimit };

export interface AiGatewayProps {
  readonly namespace: string;
  /** Per-tenant token budgets, from the tenant files. */
  readonly tokenLimits: readonly CallerTokenLimit[];
  /**
   * Proxy replicas.
   * @default 2
   */
  readonly replicas?: number;
}

/** Name of the policy that authenticates callers and derives the model header, before routing. */
export const CALLER_POLICY = `${AI_GATEWAY}-callers`;
/** Name of the policy with the per-tenant token limits. */
export const TOKEN_LIMIT_POLICY = `${AI_GATEWAY}-token-limits`;

/**
 * CEL for the model a request asks for: the design's `x-model-id` header when the caller sets it, otherwise the
 * OpenAI request body's `model` field. Routes then match one header, whichever way the model was named.
 */
export const MODEL_FROM_REQUEST = `'${MODEL_ID_HEADER}' in request.headers ? request.headers['${MODEL_ID_HEADER}'] : string(json(request.body).model)`;

/**
 * The AI gateway (agentgateway) every model call passes through: one HTTP listener for OpenAI-compatible calls that
 * admits routes from ai-inference only; before routing, callers authenticate with the API key from their Secret
 * (its metadata names the tenant, which callers cannot forge) and the model header is derived from the body; after
 * routing, each tenant's tokens per minute are limited by a shared rate-limit service. Model routes come from
 * `ModelRoutes`.
 */
export class AiGateway extends Construct {
  constructor(scope: Construct, id: string, props: AiGatewayProps) {
    super(scope, id);
    const { namespace } = props;

    customResource(this, 'parameters', AGENTGATEWAY_V1ALPHA1, 'AgentgatewayParameters', { name: AI_GATEWAY, namespace }, {
      // An overlay on the Deployment agentgateway generates: the replica count, and a pod that runs as non-root.
      deployment: {
        spec: {
          replicas: props.replicas ?? 2,
          template: { spec: { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } } },
        },
      },
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } },
      logging: { format: 'json' },
    });

    customResource(this, 'gateway', GATEWAY_API_V1, 'Gateway', { name: AI_GATEWAY, namespace }, {
      gatewayClassName: 'agentgateway',
      infrastructure: { parametersRef: { group: AGENTGATEWAY_API, kind: 'AgentgatewayParameters', name: AI_GATEWAY } },
      listeners: [
        {
          name: AI_GATEWAY_LISTENER,
          protocol: 'HTTP',
          port: PORTS.aiGateway,
          // Model routes are platform objects next to the models; no other namespace may attach one.
          allowedRoutes: {
            namespaces: { from: 'Selector', selector: { matchLabels: { [NAMESPACE_NAME_LABEL]: MODEL_NAMESPACE } } },
            kinds: [{ group: GATEWAY_API, kind: 'HTTPRoute' }],
          },
        },
      ],
    });

    const gatewayRef = [{ group: GATEWAY_API, kind: 'Gateway', name: AI_GATEWAY }];
    customResource(this, 'callers', AGENTGATEWAY_V1ALPHA1, 'AgentgatewayPolicy', { name: CALLER_POLICY, namespace }, {
      targetRefs: gatewayRef,
      traffic: {
        phase: 'PreRouting',
        apiKeyAuthentication: { mode: 'Strict', secretSelector: { matchLabels: { [LLM_CREDENTIAL_LABEL]: 'true' } } },
        transformation: { request: { set: [{ name: MODEL_ID_HEADER, value: MODEL_FROM_REQUEST }] } },
      },
    });

    if (props.tokenLimits.length > 0) {
      // Each call costs its tokens against the budget of the tenant its API key names, counted by one shared service.
      new TokenRateLimiter(this, 'token-limiter', { namespace, limits: props.tokenLimits });
      customResource(this, 'token-limits', AGENTGATEWAY_V1ALPHA1, 'AgentgatewayPolicy', { name: TOKEN_LIMIT_POLICY, namespace }, {
        targetRefs: gatewayRef,
        traffic: {
          rateLimit: {
            global: {
              backendRef: { kind: 'Service', name: RATELIMIT_NAME, port: PORTS.rateLimitGrpc },
              domain: TOKEN_LIMIT_DOMAIN,
              descriptors: [{ entries: [{ name: TENANT_DESCRIPTOR, expression: 'apiKey.tenant' }], unit: 'Tokens' }],
              // A limiter outage must not open unlimited model spend.
              failureMode: 'FailClosed',
            },
          },
        },
      });
    }

    new PodMetricsScrape(this, 'metrics', { name: AI_GATEWAY, namespace, selector: { [GATEWAY_NAME_LABEL]: AI_GATEWAY }, port: PORTS.agentgatewayMetrics });
  }
}
