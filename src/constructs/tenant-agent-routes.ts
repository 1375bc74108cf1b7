import { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { IReferenceGrant } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/ReferenceGrant';
import { customResource, GATEWAY_API, GATEWAY_API_V1, KGATEWAY_V1ALPHA1 } from '../gateway/custom-resource.js';
import { agentRoutePath, CLIENT_GATEWAY, CLIENT_LISTENER, GATEWAY_NAMESPACE, verifiedClaimEquals } from '../gateway/routing.js';
import { PORTS } from '../lib/ports.js';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';
import { JWT_EXTENSION } from './client-gateway.js';

export interface TenantAgentRoutesProps {
  readonly tenant: string;
  /** Namespace of the tenant's agents (the routes' backends). */
  readonly tenantNamespace: string;
  /** Agents with a route, in the tenant file's order. */
  readonly agents: readonly string[];
  /** Agents whose route the environment marks public (no token). */
  readonly publicAgents: readonly string[];
  /** Hostname of the client gateway's listener. */
  readonly hostname: string;
  /** JWT claim that names a token's tenant (`gateway.clients.jwt.tenantClaim`). */
  readonly tenantClaim: string;
  /** The tenant's `rateLimits.requestsPerMinute`. */
  readonly requestsPerMinute: number;
}

/**
 * Name of the HTTPRoute (and its TrafficPolicy) of a tenant's routes in ai-gateway: `tenant-<tenant>`, and
 * `public-tenant-<tenant>` for its public ones (a prefix, so that tenant "x" and a tenant "x-public" cannot collide).
 */
export function tenantRouteName(tenant: string, isPublic = false): string {
  return `${isPublic ? 'public-' : ''}tenant-${tenant}`;
}

/**
 * One tenant's routes on the client gateway, in ai-gateway: an HTTPRoute with a rule per agent
 * (`/tenants/<tenant>/<agent>` rewritten to `/`, backend the agent's Service in the tenant namespace), and a
 * TrafficPolicy with JWT validation, a check that the token's tenant claim is this tenant, and a token bucket of the
 * tenant's requests per minute. Routes the environment marks public get their own HTTPRoute, rate-limited, without JWT.
 */
export class TenantAgentRoutes extends Construct {
  constructor(scope: Construct, id: string, props: TenantAgentRoutesProps) {
    super(scope, id);
    const isPublic = (a: string) => props.publicAgents.includes(a);
    const groups = [
      { public: false, agents: props.agents.filter((a) => !isPublic(a)) },
      { public: true, agents: props.agents.filter(isPublic) },
    ].filter((g) => g.agents.length > 0);

    for (const group of groups) {
      const name = tenantRouteName(props.tenant, group.public);
      customResource(this, `${name}-route`, GATEWAY_API_V1, 'HTTPRoute', { name, namespace: GATEWAY_NAMESPACE }, {
        parentRefs: [{ group: GATEWAY_API, kind: 'Gateway', name: CLIENT_GATEWAY, sectionName: CLIENT_LISTENER }],
        hostnames: [props.hostname],
        rules: group.agents.map((agent) => ({
          name: agent,
          matches: [{ path: { type: 'PathPrefix', value: agentRoutePath(props.tenant, agent) } }],
          filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
          backendRefs: [{ group: '', kind: 'Service', name: agent, namespace: props.tenantNamespace, port: PORTS.agentA2a }],
        })),
      });
      customResource(this, `${name}-policy`, KGATEWAY_V1ALPHA1, 'TrafficPolicy', { name, namespace: GATEWAY_NAMESPACE }, {
        targetRefs: [{ group: GATEWAY_API, kind: 'HTTPRoute', name }],
        ...(group.public
          ? {}
          : {
              jwtAuth: { extensionRef: { name: JWT_EXTENSION } },
              // Only tokens whose verified tenant claim names this tenant pass.
              rbac: { action: 'Allow', policy: { matchExpressions: [verifiedClaimEquals(props.tenantClaim, props.tenant)] } },
            }),
        // Refilled with the whole minute's budget once a minute: exactly requestsPerMinute per minute (per proxy).
        rateLimit: { local: { tokenBucket: { maxTokens: props.requestsPerMinute, tokensPerFill: props.requestsPerMinute, fillInterval: '60s' } } },
      });
    }
  }
}

export interface AgentRouteGrantProps {
  /** The tenant namespace the grant lives in. */
  readonly namespace: string;
  /** The agent Services the client gateway's routes may send traffic to. */
  readonly agents: readonly string[];
}

/**
 * The ReferenceGrant a tenant namespace needs for the client gateway's routes (HTTPRoutes in ai-gateway) to reach
 * its agents: only HTTPRoutes of ai-gateway, only the named Services.
 */
export class AgentRouteGrant extends Construct {
  constructor(scope: Construct, id: string, props: AgentRouteGrantProps) {
    super(scope, id);
    const grant: IReferenceGrant = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'client-gateway-routes', namespace: props.namespace, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        from: [{ group: GATEWAY_API, kind: 'HTTPRoute', namespace: GATEWAY_NAMESPACE }],
        to: [...props.agents].sort().map((name) => ({ group: '', kind: 'Service', name })),
      },
    };
    new ApiObject(this, 'Resource', grant);
  }
}
