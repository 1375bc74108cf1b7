import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { INodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import type { TenantPlacement } from '../tenancy/tenant-ref.js';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';

export interface TenantNodePoolProps {
  readonly tenant: string;
  readonly placement: TenantPlacement;
  /** EC2NodeClass the nodes use. */
  readonly nodeClass: string;
  /** Node capacity cap: the tenant's quota limits, so the pool never outgrows what the tenant may use. */
  readonly cpuLimit: string;
  readonly memoryLimit: string;
  readonly gpus: number;
}

/**
 * A Karpenter NodePool only this tenant's pods can use ("node" isolation in the design's table): its nodes carry the
 * tenant label and a NoSchedule taint that only the tenant's pods tolerate.
 */
export class TenantNodePool extends Construct {
  constructor(scope: Construct, id: string, props: TenantNodePoolProps) {
    super(scope, id);
    const pool: INodePool = {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: `tenant-${props.tenant}`, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        template: {
          metadata: { labels: { ...props.placement.nodeSelector } },
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: props.nodeClass },
            taints: props.placement.tolerations.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
            requirements: [
              { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
              { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
              // GPU families only when the tenant may use GPUs; Karpenter still prefers the cheaper CPU nodes for CPU pods.
              { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: props.gpus > 0 ? ['c', 'g', 'm', 'r'] : ['c', 'm', 'r'] },
              { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['4'] },
            ],
            expireAfter: '720h',
          },
        },
        limits: { cpu: props.cpuLimit, memory: props.memoryLimit, ...(props.gpus > 0 ? { 'nvidia.com/gpu': String(props.gpus) } : {}) },
        disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '5m', budgets: [{ nodes: '10%' }] },
      },
    };
    new ApiObject(this, 'Resource', pool);
  }
}
