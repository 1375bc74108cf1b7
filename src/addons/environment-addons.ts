import type { Cluster, Environment } from '../config/schema/environment.js';
import type { HelmAddon } from './helm-addon.js';
import { DCGM_EXPORTER, NVIDIA_DEVICE_PLUGIN } from './gpu-addons.js';
import { ISTIO_BASE, ISTIO_CNI, ISTIOD } from './istio.js';
import { karpenter } from './karpenter.js';
import { KEDA } from './keda.js';
import { PROMETHEUS_OPERATOR_CRDS } from './prometheus-operator-crds.js';
import { EFS_CSI_DRIVER } from './storage.js';
import { GATEWAY_ADDONS } from './gateway-addons.js';
import { dataAddons, EXTERNAL_SECRETS } from './data-addons.js';

/** A Helm add-on and the cluster Argo CD installs it on. */
export interface ClusterAddon {
  readonly cluster: Cluster;
  readonly addon: HelmAddon;
}

/**
 * The upstream Helm charts Argo CD installs for an environment, per cluster; their waves (src/addons/waves.ts) put
 * the cluster prerequisites (CRDs, the Istio CNI plugin and istiod, the EFS CSI driver) before what uses them.
 *
 * The platform cluster gets all of them. A cluster dedicated to a tenant gets what the folders deployed there (the
 * platform base, node classes, the tenant's folder) need: Karpenter, the External Secrets Operator and, with the mesh
 * on, Istio. `tenants` (names) only shape the values of the data layer's add-ons (Valkey's ACL users), never which
 * add-ons there are or which CRDs they install.
 */
export function environmentAddons(env: Environment, tenants: readonly string[] = []): ClusterAddon[] {
  const [platform, ...dedicated] = env.clusters;
  return [
    ...platformClusterAddons(env, tenants).map((addon) => ({ cluster: platform, addon })),
    ...dedicated.flatMap((cluster) =>
      [karpenter(cluster), EXTERNAL_SECRETS, ...(env.mesh.istio ? [ISTIO_BASE, ISTIO_CNI, ISTIOD] : [])].map((addon) => ({ cluster, addon })),
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
    ...dataAddons(env, tenants),
  ];
}
