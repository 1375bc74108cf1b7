import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '../src/config/schema/environment.js';
import { Ec2NodeClass } from '../src/constructs/ec2-node-class.js';
import { GpuNodePool } from '../src/constructs/gpu-node-pool.js';
import { commonLabels } from '../src/lib/labels.js';

export interface NodesChartProps {
  readonly env: Environment;
}

/** Name of the EC2NodeClass for CPU workloads (tenant node pools use it). */
export const GENERAL_PURPOSE_NODE_CLASS = 'general-purpose';

/** Name of the EC2NodeClass of GPU pools. */
export const GPU_NODE_CLASS = 'gpu';

/** Karpenter node classes and the GPU node pools of the environment; cluster-scoped, platform-owned. */
export class NodesChart extends Chart {
  constructor(scope: Construct, id: string, props: NodesChartProps) {
    super(scope, id, { labels: commonLabels('base', props.env.name), disableResourceNameHashes: true });
    const { env } = props;
    const cluster = env.clusters[0];
    new Ec2NodeClass(this, GENERAL_PURPOSE_NODE_CLASS, {
      name: GENERAL_PURPOSE_NODE_CLASS,
      clusterName: cluster.name,
      role: cluster.karpenterNodeRole ?? `KarpenterNodeRole-${cluster.name}`,
      amiAlias: env.nodes.amiAlias,
      rootVolume: { size: '100Gi' },
      tags: { Environment: env.name, Workload: 'general', 'managed-by': 'agentic-platform-gitops' },
    });
    if (env.gpuPools.length === 0) return;
    new Ec2NodeClass(this, GPU_NODE_CLASS, {
      name: GPU_NODE_CLASS,
      clusterName: cluster.name,
      role: cluster.karpenterNodeRole ?? `KarpenterNodeRole-${cluster.name}`,
      // With an al2023 alias Karpenter picks the NVIDIA variant of the AMI for GPU instance types.
      amiAlias: env.nodes.amiAlias,
      rootVolume: { size: String(env.nodes.gpuRootVolume.size), iops: env.nodes.gpuRootVolume.iops, throughputMiBs: env.nodes.gpuRootVolume.throughputMiBs },
      // Model caches of "node-local" models live on the instance-store NVMe disks.
      raidInstanceStore: true,
      tags: { Environment: env.name, Workload: 'ai-inference', 'managed-by': 'agentic-platform-gitops' },
    });
    for (const pool of env.gpuPools) new GpuNodePool(this, pool.name, { pool, nodeClass: GPU_NODE_CLASS });
  }
}
