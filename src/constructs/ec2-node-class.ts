import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IEC2NodeClass } from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE } from '../lib/argocd-annotations.js';

export interface Ec2NodeClassProps {
  readonly name: string;
  /** EKS cluster name: value of the karpenter.sh/discovery tag on its subnets and security groups. */
  readonly clusterName: string;
  /** IAM role of the nodes. */
  readonly role: string;
  /** Pinned AMI alias, e.g. al2023@v20251103. */
  readonly amiAlias: string;
  readonly rootVolume: { readonly size: string; readonly iops?: number; readonly throughputMiBs?: number };
  /** Cost-allocation tags on every instance and volume. */
  readonly tags: Record<string, string>;
  /**
   * Stripe instance-store NVMe disks into one RAID0 volume for the kubelet and containers (model caches).
   * @default false
   */
  readonly raidInstanceStore?: boolean;
}

/**
 * A Karpenter EC2NodeClass with the platform's baseline: AL2023 or Bottlerocket at a pinned version (AL2 is end of
 * life), subnet and security group discovery by tag, IMDSv2 only with one hop (pods cannot reach node credentials),
 * an encrypted gp3 root volume.
 */
export class Ec2NodeClass extends Construct {
  constructor(scope: Construct, id: string, props: Ec2NodeClassProps) {
    super(scope, id);
    const discovery = [{ tags: { 'karpenter.sh/discovery': props.clusterName } }];
    const nodeClass: IEC2NodeClass = {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: props.name, annotations: { ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: {
        role: props.role,
        amiSelectorTerms: [{ alias: props.amiAlias }],
        subnetSelectorTerms: discovery,
        securityGroupSelectorTerms: discovery,
        metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
        blockDeviceMappings: [
          {
            deviceName: props.amiAlias.startsWith('bottlerocket') ? '/dev/xvdb' : '/dev/xvda',
            ebs: {
              volumeSize: props.rootVolume.size,
              volumeType: 'gp3',
              ...(props.rootVolume.iops ? { iops: props.rootVolume.iops } : {}),
              ...(props.rootVolume.throughputMiBs ? { throughput: props.rootVolume.throughputMiBs } : {}),
              encrypted: true,
              deleteOnTermination: true,
            },
          },
        ],
        ...(props.raidInstanceStore ? { instanceStorePolicy: 'RAID0' as const } : {}),
        tags: props.tags,
      },
    };
    new ApiObject(this, 'Resource', nodeClass);
  }
}
