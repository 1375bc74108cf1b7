import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { syncWave } from '../lib/argocd-annotations.js';
import { k8sQuantity as q } from '../lib/quantity.js';

export interface ContainerDefaultsProps {
  readonly namespace: string;
  /** LimitRange name, e.g. `ai-agents-limits`. */
  readonly name: string;
  readonly defaultRequestCpu: string | number;
  readonly defaultRequestMemory: string | number;
  readonly defaultLimitCpu: string | number;
  readonly defaultLimitMemory: string | number;
}

/**
 * A LimitRange that gives containers without requests or limits the defaults, so that every pod counts against
 * the namespace's ResourceQuota (a quota on requests.cpu rejects pods that set none, which is worse for users).
 */
export class ContainerDefaults extends Construct {
  constructor(scope: Construct, id: string, props: ContainerDefaultsProps) {
    super(scope, id);
    new k8s.KubeLimitRange(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, annotations: syncWave(-1) },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { cpu: q(props.defaultRequestCpu), memory: q(props.defaultRequestMemory) },
            default: { cpu: q(props.defaultLimitCpu), memory: q(props.defaultLimitMemory) },
          },
        ],
      },
    });
  }
}
