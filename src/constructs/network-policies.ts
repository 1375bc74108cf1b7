import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { NAMESPACE_NAME_LABEL } from '../lib/names.js';
import { syncWave } from '../lib/argocd-annotations.js';


export interface NamespacePolicyProps {
  readonly namespace: string;
  /** Policy name. */
  readonly name: string;
}

/** Denies all ingress and egress of every pod in the namespace; other policies then allow what is needed. */
export class DefaultDenyPolicy extends Construct {
  constructor(scope: Construct, id: string, props: NamespacePolicyProps) {
    super(scope, id);
    new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, annotations: syncWave(-1) },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  }
}

/** Allows every pod of the namespace to query cluster DNS (CoreDNS in kube-system) over UDP and TCP 53. */
export class AllowDnsEgress extends Construct {
  constructor(scope: Construct, id: string, props: NamespacePolicyProps) {
    super(scope, id);
    new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, annotations: syncWave(-1) },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            // One peer with both selectors: CoreDNS pods, and only in kube-system.
            to: [
              {
                namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
              { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
            ],
          },
        ],
      },
    });
  }
}
