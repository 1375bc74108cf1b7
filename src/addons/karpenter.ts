import type { Cluster } from '../config/schema/environment.js';
import type { HelmAddon } from './helm-addon.js';
import { WAVE } from './waves.js';

/** Karpenter runs where its getting-started guide puts it; kube-system exists on every cluster. */
export const KARPENTER_NAMESPACE = 'kube-system';

/**
 * Karpenter (controller and its NodePool / EC2NodeClass / NodeClaim CRDs, from the chart's crds/ folder).
 *
 * Before it can run (see README, "Cluster prerequisites"): the controller's IAM role bound to the
 * `kube-system/karpenter` service account (EKS Pod Identity or IRSA), the node role `KarpenterNodeRole-<cluster>`
 * (or the cluster's `karpenterNodeRole`) with an access entry, the interruption SQS queue named after the cluster,
 * and a small managed node group (or Fargate profile) for the controller itself: Karpenter does not launch its own nodes.
 */
export function karpenter(cluster: Cluster): HelmAddon {
  const resources = { cpu: '1', memory: '1Gi' };
  return {
    name: 'karpenter',
    namespace: KARPENTER_NAMESPACE,
    repoURL: 'oci://public.ecr.aws/karpenter/karpenter',
    chart: 'karpenter',
    version: '1.14.1',
    wave: WAVE.crds,
    crdGroups: ['karpenter.sh', 'karpenter.k8s.aws'],
    createNamespace: false,
    values: {
      settings: { clusterName: cluster.name, interruptionQueue: cluster.name },
      controller: { resources: { requests: resources, limits: resources } },
    },
  };
}
