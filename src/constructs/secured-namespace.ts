import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { syncWave } from '../lib/argocd-annotations.js';

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export interface SecuredNamespaceProps {
  /** Namespace name. */
  readonly name: string;
  /** Pod Security level that is enforced. */
  readonly enforce: PodSecurityLevel;
  /**
   * Level that is audited and warned about.
   * @default - restricted, so that every step away from the strictest profile stays visible
   */
  readonly auditAndWarn?: PodSecurityLevel;
  /** Label the namespace for Istio sidecar injection. */
  readonly istioInjection: boolean;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
}

/** A Namespace with Pod Security admission labels (enforce, audit, warn) pinned to a version and mesh labelling. */
export class SecuredNamespace extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: SecuredNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    const auditAndWarn = props.auditAndWarn ?? 'restricted';
    new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: {
          ...props.labels,
          'pod-security.kubernetes.io/enforce': props.enforce,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': auditAndWarn,
          'pod-security.kubernetes.io/warn': auditAndWarn,
          ...(props.istioInjection ? { 'istio-injection': 'enabled' } : {}),
        },
        annotations: {
          // Namespaces first: everything else in the chart lives in them.
          ...syncWave(-2),
          ...props.annotations,
        },
      },
    });
  }
}
