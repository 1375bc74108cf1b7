import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import type { Construct } from 'constructs';
import type { Environment } from '../src/config/schema/environment.js';
import type { Tenant } from '../src/config/schema/tenant.js';
import { AiGateway, type CallerTokenLimit } from '../src/constructs/ai-gateway.js';
import { ClientGateway } from '../src/constructs/client-gateway.js';
import { ENDPOINT_PICKER_COMPONENT, ModelRoute } from '../src/constructs/model-route.js';
import { modelSelector, variantName } from '../src/constructs/model-server.js';
import { TenantAgentRoutes, type TenantAgentRoutesProps } from '../src/constructs/tenant-agent-routes.js';
import { engineRuntime } from '../src/inference/model-runtime.js';
import { GATEWAY_NAMESPACE, MODEL_NAMESPACE, modelCallers } from '../src/gateway/routing.js';
import { syncWave } from '../src/lib/argocd-annotations.js';
import { commonLabels } from '../src/lib/labels.js';
import { PORTS } from '../src/lib/ports.js';
import { PRIVATE_RANGES } from '../src/policy/flows.js';
import type { TenantRef } from '../src/tenancy/tenant-ref.js';

/** Every tenant of an environment, with where it runs. */
type TenantsWithRefs = readonly { readonly tenant: Tenant; readonly ref: TenantRef }[];

/**
 * What the gateway's shared objects read of the tenants: each tenant's token budget (the rate limiter's ConfigMap)
 * and, per catalog model, who may call it (the model's authorization policies). Nothing else of a tenant.
 */
export interface GatewayTenantsView {
  readonly tokenLimits: readonly CallerTokenLimit[];
  /** In catalog order. */
  readonly modelCallers: readonly { readonly model: string; readonly callers: readonly string[] }[];
}

export function gatewayTenantsView(env: Environment, tenants: TenantsWithRefs): GatewayTenantsView {
  const all = tenants.map(({ tenant }) => tenant);
  return {
    tokenLimits: all.map((t) => ({ caller: t.name, tokensPerMinute: t.rateLimits.tokensPerMinute })),
    modelCallers: env.models.map((m) => ({ model: m.name, callers: modelCallers(m.name, all) })),
  };
}

/**
 * Which tenants get routes on the client gateway: those whose agents run on the platform cluster (the gateway's
 * cluster) and that declare routes. Tenants on a cluster of their own are not routed from here.
 */
export function routedTenants(env: Environment, tenants: TenantsWithRefs): { tenant: Tenant; ref: TenantRef }[] {
  if (!env.gateway.clients) return [];
  return tenants.filter(({ tenant, ref }) => tenant.routes.length > 0 && ref.cluster.name === env.clusters[0].name);
}

/** A routed tenant's routes on the client gateway (see routedTenants), or undefined for a tenant not routed. */
export function tenantAgentRoutes(env: Environment, tenant: Tenant, ref: TenantRef): TenantAgentRoutesProps | undefined {
  const clients = env.gateway.clients;
  if (!clients || routedTenants(env, [{ tenant, ref }]).length === 0) return undefined;
  return {
    tenant: tenant.name,
    tenantNamespace: ref.namespace,
    agents: tenant.routes.map((r) => r.agent),
    publicAgents: clients.publicRoutes.filter((p) => p.tenant === tenant.name).map((p) => p.agent),
    hostname: clients.hostname,
    tenantClaim: clients.jwt.tenantClaim,
    requestsPerMinute: tenant.rateLimits.requestsPerMinute,
  };
}

export interface GatewayChartProps {
  readonly env: Environment;
  readonly tenants: GatewayTenantsView;
}

/**
 * API gateway layer, its shared objects. North-south: the client gateway (kgateway); each tenant's agent routes,
 * JWT-checked per tenant and rate-limited, are GatewayTenantCharts of the same folder. East-west: the AI gateway
 * (agentgateway) every model call passes through, with a route, InferencePool and endpoint picker per catalog model,
 * per-tenant model authorization and token limits.
 */
export class GatewayChart extends Chart {
  constructor(scope: Construct, id: string, props: GatewayChartProps) {
    super(scope, id, { labels: commonLabels('gateway', props.env.name), disableResourceNameHashes: true });
    const { env, tenants } = props;

    const clients = env.gateway.clients;
    if (clients) new ClientGateway(this, 'client-gateway', { namespace: GATEWAY_NAMESPACE, settings: clients });

    new AiGateway(this, 'ai-gateway', { namespace: GATEWAY_NAMESPACE, tokenLimits: tenants.tokenLimits });

    for (const model of env.models) {
      new ModelRoute(this, `model-${model.name}`, {
        model: model.name,
        namespace: MODEL_NAMESPACE,
        primarySelector: modelSelector(model.name, 'primary'),
        port: engineRuntime(model).port,
        canary: model.canary ? { service: variantName(model.name, 'canary'), weight: model.canary.weight } : undefined,
        fallback: env.gateway.models.fallbacks.find((f) => f.model === model.name),
        callers: tenants.modelCallers.find((c) => c.model === model.name)!.callers,
        requestTimeout: env.gateway.models.requestTimeout,
        retries: env.gateway.models.retries,
      });
    }

    if (env.models.length > 0) {
      // Endpoint pickers watch their pool and its pods: the Kubernetes API, whose EKS endpoints are private VPC
      // addresses. Only these pods of ai-inference get that egress.
      new k8s.KubeNetworkPolicy(this, 'endpoint-pickers-api', {
        metadata: { name: 'endpoint-pickers-allow-kube-api', namespace: MODEL_NAMESPACE, annotations: syncWave(-1) },
        spec: {
          podSelector: { matchLabels: { 'app.kubernetes.io/component': ENDPOINT_PICKER_COMPONENT } },
          policyTypes: ['Egress'],
          egress: [{ to: PRIVATE_RANGES.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(PORTS.https) }] }],
        },
      });
    }
  }
}

export interface GatewayTenantChartProps {
  /** Name of the environment (the objects' label). */
  readonly envName: string;
  /** The tenant's routes (see tenantAgentRoutes): all its objects here read of the tenant and the environment. */
  readonly routes: TenantAgentRoutesProps;
}

/** One routed tenant's objects in the gateway folder: its HTTPRoutes and TrafficPolicies on the client gateway. */
export class GatewayTenantChart extends Chart {
  constructor(scope: Construct, id: string, props: GatewayTenantChartProps) {
    super(scope, id, { labels: commonLabels('gateway', props.envName), disableResourceNameHashes: true });
    new TenantAgentRoutes(this, `routes-${props.routes.tenant}`, props.routes);
  }
}
