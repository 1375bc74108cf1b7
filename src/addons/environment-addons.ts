import type { Cluster, Environment } from '../config/schema/environment.js';
import type { HelmAddon } from './helm-addon.js';
import { DCGM_EXPORTER, NVIDIA_DEVICE_PLUGIN } from './gpu-addons.js';
import { ISTIO_BASE, ISTIO_CNI, ISTIOD } from './istio.js';
import { karpenter } from './karpenter.js';
import { KEDA } from './keda.js';
import { PROMETHEUS_OPERATOR_CRDS } from './prometheus-operator-crds.js';
import { EFS_CSI_DRIVER } from './storage.js';
import { GATEWAY_ADDONS } from './gateway-addons.js';
import { observabilityAddons } from './observability-addons.js';
import { kagent, KAGENT_CRDS } from './kagent.js';
import type { Tenant } from '../config/schema/tenant.js';
import type { TenantRef } from '../tenancy/tenant-ref.js';
import { dataAddons, EXTERNAL_SECRETS } from './data-addons.js';

/** A Helm add-on and the cluster Argo CD installs it on. */
export interface ClusterAddon {
  readonly cluster: Cluster;
  readonly addon: HelmAddon;
}

/** What the add-ons' values read of a tenant: its name, where it runs, and whether it runs agents. */
export interface AddonTenant {
  readonly name: string;
  readonly namespace: string;
  readonly cluster: string;
  readonly runsAgents: boolean;
}

/** The add-ons' view of an environment's tenants (only what they read), in the order given. */
export function addonTenants(tenants: readonly { readonly tenant: Tenant; readonly ref: TenantRef }[]): AddonTenant[] {
  return tenants.map(({ tenant, ref }) => ({ name: tenant.name, namespace: ref.namespace, cluster: ref.cluster.name, runsAgents: tenant.agents.length > 0 }));
}

/**
 * The upstream Helm charts Argo CD installs for an environment, per cluster; their waves (src/addons/waves.ts) put
 * the cluster prerequisites (CRDs, the Istio CNI plugin and istiod, the EFS CSI driver) before what uses them.
 *
 * The platform cluster gets all of them. A cluster dedicated to a tenant gets what the folders deployed there (the
 * platform base, node classes, the tenant's folder) need: Karpenter, the External Secrets Operator, with the mesh on
 * Istio, and with agents KEDA and kagent. The tenants shape the values of some add-ons (kagent's watched namespaces,
 * Valkey's ACL users, the collector's per-tenant routes), never which CRDs they install.
 */
export function environmentAddons(
  env: Environment,
  /** The environment's tenants (see addonTenants). @default - none */
  tenants: readonly AddonTenant[] = [],
): ClusterAddon[] {
  const [platform, ...dedicated] = env.clusters;
  const agentNamespaces = (cluster: string) => tenants.filter((t) => t.cluster === cluster && t.runsAgents).map((t) => t.namespace);
  const agentLayer = (cluster: string) => [KAGENT_CRDS, kagent({ namespaces: agentNamespaces(cluster), defaultModel: env.models[0]?.name ?? 'none' })];
  return [
    ...[...platformClusterAddons(env, tenants.map((t) => t.name)), ...agentLayer(platform.name)].map((addon) => ({ cluster: platform, addon })),
    ...dedicated.flatMap((cluster) =>
      [
        karpenter(cluster),
        EXTERNAL_SECRETS,
        ...(env.mesh.istio ? [ISTIO_BASE, ISTIO_CNI, ISTIOD] : []),
        // A dedicated cluster whose tenant runs agents gets the agent layer's controller and the autoscaler.
        ...(agentNamespaces(cluster.name).length > 0 ? [KEDA, ...agentLayer(cluster.name)] : []),
      ].map((addon) => ({ cluster, addon })),
    ),
  ];
}

function platformClusterAddons(env: Environment, tenants: readonly string[]): HelmAddon[] {
  return [
    PROMETHEUS_OPERATOR_CRDS,
    karpenter(env.clusters[0]),
    ...(env.mesh.istio ? [ISTIO_BASE, ISTIO_CNI, ISTIOD] : []),
    ...(env.efs ? [EFS_CSI_DRIVER] : []),
    KEDA,
    ...(env.gpuPools.length > 0 ? [NVIDIA_DEVICE_PLUGIN, DCGM_EXPORTER] : []),
    ...GATEWAY_ADDONS,
    // The collector routes each tenant's traces to its own Langfuse project, so it lists the tenants.
    ...observabilityAddons(env, tenants),
    ...dataAddons(env, tenants),
  ];
}
