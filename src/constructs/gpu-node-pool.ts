import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { INodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import type { GpuPool } from '../config/schema/environment.js';
import { GPU_INSTANCE_TYPES } from '../lib/gpu-instances.js';
import { GPU_TAINT, SPOT_TAINT } from './model-server.js';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';

export interface GpuNodePoolProps {
  readonly pool: GpuPool;
  readonly nodeClass: string;
}

/** Labels every node of a GPU pool carries (the design's node-type and workload labels). */
export const GPU_NODE_LABELS = { 'node-type': 'gpu-inference', workload: 'genai' } as const;

/**
 * A Karpenter v1 NodePool of GPU instances: tainted nvidia.com/gpu (and spot, for spot-only pools), capped by GPU
 * count (CPU and memory caps follow from the largest instance type), consolidated after a delay, with a disruption
 * budget and an optional freeze window.
 */
export class GpuNodePool extends Construct {
  constructor(scope: Construct, id: string, props: GpuNodePoolProps) {
    super(scope, id);
    const { pool } = props;
    const spotOnly = !pool.capacityTypes.includes('on-demand');
    const types = pool.instanceTypes.map((t) => GPU_INSTANCE_TYPES[t]).filter(Boolean);
    const perGpu = (f: (t: (typeof types)[number]) => number) => Math.max(...types.map((t) => f(t) / t.gpus));
    const nodePool: INodePool = {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: pool.name, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        weight: pool.weight,
        template: {
          metadata: { labels: { ...GPU_NODE_LABELS } },
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: props.nodeClass },
            taints: [{ ...GPU_TAINT }, ...(spotOnly ? [{ ...SPOT_TAINT }] : [])],
            requirements: [
              { key: 'node.kubernetes.io/instance-type', operator: 'In', values: [...pool.instanceTypes] },
              { key: 'karpenter.sh/capacity-type', operator: 'In', values: [...pool.capacityTypes] },
              { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
              { key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'Gt', values: ['0'] },
            ],
            expireAfter: '720h',
          },
        },
        limits: {
          'nvidia.com/gpu': String(pool.gpuLimit),
          cpu: String(Math.ceil(perGpu((t) => t.vcpus) * pool.gpuLimit)),
          memory: `${Math.ceil(perGpu((t) => t.memoryGiB) * pool.gpuLimit)}Gi`,
        },
        disruption: {
          consolidationPolicy: pool.consolidationPolicy,
          consolidateAfter: pool.consolidateAfter,
          budgets: [
            { nodes: pool.disruptionBudget },
            ...(pool.freeze ? [{ nodes: '0', schedule: pool.freeze.schedule, duration: pool.freeze.duration }] : []),
          ],
        },
      },
    };
    new ApiObject(this, 'Resource', nodePool);
  }
}
