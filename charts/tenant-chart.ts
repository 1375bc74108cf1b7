import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '../src/config/schema/environment.js';
import type { Tenant } from '../src/config/schema/tenant.js';
import { ContainerDefaults } from '../src/constructs/container-defaults.js';
import { NamespaceNetworkPolicies } from '../src/constructs/namespace-network-policies.js';
import { NamespaceQuota } from '../src/constructs/namespace-quota.js';
import { StrictMtls } from '../src/constructs/peer-authentication.js';
import { SecuredNamespace } from '../src/constructs/secured-namespace.js';
import { TenantNodePool } from '../src/constructs/tenant-node-pool.js';
import { TenantRbac } from '../src/constructs/tenant-rbac.js';
import { AgentRouteGrant } from '../src/constructs/tenant-agent-routes.js';
import { tenantLabels } from '../src/lib/labels.js';
import { tenantFlows, type Flow } from '../src/policy/flows.js';
import type { TenantRef } from '../src/tenancy/tenant-ref.js';
import { GENERAL_PURPOSE_NODE_CLASS } from './nodes-chart.js';
import { SANDBOX_LABEL, TenantAgents } from '../src/agents/tenant-agents.js';
import { TenantData } from '../src/constructs/tenant-data.js';
import { ROLE_NAME, secretsRoot } from '../src/data/layout.js';

export interface TenantChartProps {
  readonly tenant: Tenant;
  readonly env: Environment;
  readonly ref: TenantRef;
  readonly flows: readonly Flow[];
  /**
   * Agents the client gateway routes to (HTTPRoutes in ai-gateway); they get a ReferenceGrant.
   * @default - none
   */
  readonly routedAgents?: readonly string[];
}

/**
 * Everything one tenant gets, and nothing that can hurt another: a restricted namespace, its quota and container
 * defaults, default-deny network policies with the platform's tenant flows, namespaced RBAC for its groups, STRICT
 * mTLS when the mesh is on, a dedicated node pool for "node" isolation, and its agents, tools and knowledge base
 * search servers as kagent objects (src/agents/tenant-agents.ts).
 */
export class TenantChart extends Chart {
  constructor(scope: Construct, id: string, props: TenantChartProps) {
    super(scope, id, { labels: tenantLabels(props.tenant, props.env.name), disableResourceNameHashes: true });
    const { tenant, env, ref } = props;
    const namespace = ref.namespace;
    const placement = ref.placement;

    new SecuredNamespace(this, 'namespace', {
      name: namespace,
      enforce: 'restricted',
      istioInjection: env.mesh.istio,
      annotations: placement
        ? {
            // Read by the PodNodeSelector and PodTolerationRestriction admission plugins where they are enabled
            // (not on EKS); the platform's generated workloads carry the placement themselves.
            'scheduler.alpha.kubernetes.io/node-selector': Object.entries(placement.nodeSelector).map(([k, v]) => `${k}=${v}`).join(','),
            'scheduler.alpha.kubernetes.io/defaultTolerations': JSON.stringify(placement.tolerations),
          }
        : undefined,
    });
    new NamespaceQuota(this, 'quota', { namespace, name: `${namespace}-quota`, quota: tenant.quota });
    new ContainerDefaults(this, 'limits', { namespace, name: `${namespace}-limits`, ...env.containerDefaults });
    new NamespaceNetworkPolicies(this, 'network', {
      namespace,
      isTenant: true,
      flows: tenantFlows(props.flows, tenant.models),
      // Only a tenant with code tools has sandboxed pods to fence off.
      sandboxLabel: tenant.tools.some((t) => t.type === 'code') ? SANDBOX_LABEL : undefined,
    });
    new TenantRbac(this, 'rbac', {
      namespace,
      operatorGroups: tenant.groups.operators.map((g) => `${env.identity.groupPrefix}${g}`),
      viewerGroups: tenant.groups.viewers.map((g) => `${env.identity.groupPrefix}${g}`),
      secretNames: [...new Set(tenant.tools.flatMap((t) => (t.headersFromSecret ? [t.headersFromSecret] : [])))].sort(),
    });
    new TenantData(this, 'data', {
      tenant: tenant.name,
      namespace,
      secretsRoot: secretsRoot(env),
      region: env.aws.region,
      secretsRoleArn: `arn:aws:iam::${env.aws.accountId}:role/${ROLE_NAME.secretsTenant(env.name, tenant.name)}`,
      valkeyCa: !env.data.valkey.external,
    });
    if (env.mesh.istio) new StrictMtls(this, 'mtls', { namespace });
    if (props.routedAgents?.length) new AgentRouteGrant(this, 'gateway-grant', { namespace, agents: props.routedAgents });
    if (tenant.agents.length > 0) new TenantAgents(this, 'agents', { tenant, namespace, placement, meshed: env.mesh.istio });
    if (placement) {
      new TenantNodePool(this, 'node-pool', {
        tenant: tenant.name,
        placement,
        nodeClass: GENERAL_PURPOSE_NODE_CLASS,
        cpuLimit: String(tenant.quota.limitsCpu),
        memoryLimit: String(tenant.quota.limitsMemory),
        gpus: tenant.quota.gpus,
      });
    }
  }
}
