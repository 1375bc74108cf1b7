import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { syncWave } from '../lib/argocd-annotations.js';
import { k8sQuantity } from '../lib/quantity.js';

/** The quota keys the platform sets, in the units users write them in. Omitted keys are not limited. */
export interface QuotaSpec {
  readonly requestsCpu?: string | number;
  readonly requestsMemory?: string | number;
  readonly limitsCpu?: string | number;
  readonly limitsMemory?: string | number;
  readonly gpus?: number;
  readonly pods?: number;
  readonly services?: number;
  readonly pvcs?: number;
  readonly storage?: string | number;
}

export interface NamespaceQuotaProps {
  readonly namespace: string;
  /** ResourceQuota name, e.g. `ai-inference-quota` as in the design. */
  readonly name: string;
  readonly quota: QuotaSpec;
}

/** The ResourceQuota `hard` map for a spec, in a stable key order. */
export function quotaHard(quota: QuotaSpec): Record<string, string> {
  const entries: [string, string | number | undefined][] = [
    ['requests.cpu', quota.requestsCpu],
    ['requests.memory', quota.requestsMemory],
    ['limits.cpu', quota.limitsCpu],
    ['limits.memory', quota.limitsMemory],
    // Extended resources can only be limited as requests.<name>; a plain nvidia.com/gpu key is not enforced.
    ['requests.nvidia.com/gpu', quota.gpus],
    ['pods', quota.pods],
    ['services', quota.services],
    ['persistentvolumeclaims', quota.pvcs],
    ['requests.storage', quota.storage],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

/** A ResourceQuota from a platform quota spec. */
export class NamespaceQuota extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceQuotaProps) {
    super(scope, id);
    const hard = Object.fromEntries(Object.entries(quotaHard(props.quota)).map(([k, v]) => [k, k8sQuantity(v)]));
    new k8s.KubeResourceQuota(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, annotations: syncWave(-1) },
      spec: { hard },
    });
  }
}
