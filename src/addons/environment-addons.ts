import type { Environment } from '../config/schema/environment.js';
import type { HelmAddon } from './helm-addon.js';
import { DCGM_EXPORTER, NVIDIA_DEVICE_PLUGIN } from './gpu-addons.js';
import { ISTIO_BASE, ISTIO_CNI, ISTIOD } from './istio.js';
import { karpenter } from './karpenter.js';
import { KEDA } from './keda.js';
import { PROMETHEUS_OPERATOR_CRDS } from './prometheus-operator-crds.js';
import { EFS_CSI_DRIVER } from './storage.js';

/**
 * The upstream Helm charts Argo CD installs on an environment's platform cluster: the cluster prerequisites first
 * (CRDs, the Istio CNI plugin and istiod, the EFS CSI driver), then what uses them. Their waves (src/addons/waves.ts)
 * order the sync.
 */
export function environmentAddons(env: Environment): HelmAddon[] {
  return [
    PROMETHEUS_OPERATOR_CRDS,
    karpenter(env.clusters[0]),
    ...(env.mesh.istio ? [ISTIO_BASE, ISTIO_CNI, ISTIOD] : []),
    ...(env.efs ? [EFS_CSI_DRIVER] : []),
    KEDA,
    ...(env.gpuPools.length > 0 ? [NVIDIA_DEVICE_PLUGIN, DCGM_EXPORTER] : []),
  ];
}
