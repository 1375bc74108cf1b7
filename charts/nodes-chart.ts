import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '../src/config/schema/environment.js';
import { Ec2NodeClass } from '../src/constructs/ec2-node-class.js';
import { commonLabels } from '../src/lib/labels.js';

export interface NodesChartProps {
  readonly env: Environment;
}

/** Name of the EC2NodeClass for CPU workloads (tenant node pools use it). */
export const GENERAL_PURPOSE_NODE_CLASS = 'general-purpose';

/** Karpenter node classes shared by the platform's node pools; cluster-scoped, platform-owned. */
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
  }
}
