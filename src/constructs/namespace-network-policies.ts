import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { NAMESPACE_NAME_LABEL, PLATFORM_NAMESPACES } from '../lib/names.js';
import { TENANT_LABEL } from '../lib/labels.js';
import { peerIncludes, PRIVATE_RANGES, type Flow, type Peer } from '../policy/flows.js';
import { AllowDnsEgress, DefaultDenyPolicy } from './network-policies.js';
import { syncWave } from '../lib/argocd-annotations.js';

export interface NamespaceNetworkPoliciesProps {
  readonly namespace: string;
  /** Whether this is a tenant namespace (flows to and from "tenants" apply). */
  readonly isTenant: boolean;
  /** Every allowed flow of the platform; the ones touching this namespace become rules. */
  readonly flows: readonly Flow[];
  /**
   * Label of sandboxed pods (code execution): they are left out of the allows below and get only ingress from pods
   * of the namespace, and DNS. @default - none
   */
  readonly sandboxLabel?: string;
}

/**
 * The complete network policy set of one namespace: deny everything, then allow DNS, traffic inside the namespace,
 * and exactly the cross-namespace flows of the platform's flow table that start or end here.
 */
export class NamespaceNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceNetworkPoliciesProps) {
    super(scope, id);
    const { namespace } = props;
    const annotations = syncWave(-1);
    new DefaultDenyPolicy(this, 'default-deny', { namespace, name: `${namespace}-default-deny` });
    new AllowDnsEgress(this, 'allow-dns', { namespace, name: `${namespace}-allow-dns` });
    // Every pod, or every pod but the sandboxed ones.
    const podSelector = props.sandboxLabel ? { matchExpressions: [{ key: props.sandboxLabel, operator: 'DoesNotExist' }] } : {};
    new k8s.KubeNetworkPolicy(this, 'same-namespace', {
      metadata: { name: `${namespace}-allow-same-namespace`, namespace, annotations },
      spec: {
        podSelector,
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      },
    });

    const includes = (peer: Peer) => peerIncludes(peer, namespace, props.isTenant);
    const ingress = props.flows.filter((f) => includes(f.to)).map((f) => ({ from: peerSelectors(f.from), ports: ports(f) }));
    const egress = props.flows.filter((f) => includes(f.from)).map((f) => ({ to: peerSelectors(f.to), ports: ports(f) }));
    if (ingress.length > 0) {
      new k8s.KubeNetworkPolicy(this, 'ingress', {
        metadata: { name: `${namespace}-allow-ingress`, namespace, annotations },
        spec: { podSelector: {}, policyTypes: ['Ingress'], ingress },
      });
    }
    if (egress.length > 0) {
      new k8s.KubeNetworkPolicy(this, 'egress', {
        metadata: { name: `${namespace}-allow-egress`, namespace, annotations },
        spec: { podSelector, policyTypes: ['Egress'], egress },
      });
    }
    if (props.sandboxLabel) {
      new k8s.KubeNetworkPolicy(this, 'sandbox', {
        metadata: { name: `${namespace}-sandbox`, namespace, annotations },
        spec: {
          podSelector: { matchExpressions: [{ key: props.sandboxLabel, operator: 'Exists' }] },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ podSelector: {} }] }],
        },
      });
    }
  }
}

function ports(flow: Flow): k8s.NetworkPolicyPort[] {
  return flow.ports.map((port) => ({ protocol: flow.protocol, port: k8s.IntOrString.fromNumber(port) }));
}

/** The NetworkPolicy peers for a flow end; never a bare `namespaceSelector: {}` (that would mean every namespace). */
export function peerSelectors(peer: Peer): k8s.NetworkPolicyPeer[] {
  return peer.kind === 'kube-apiserver' ? PRIVATE_RANGES.map((cidr) => ({ ipBlock: { cidr } })) : [peerSelector(peer)];
}

function peerSelector(peer: Exclude<Peer, { kind: 'kube-apiserver' }>): k8s.NetworkPolicyPeer {
  switch (peer.kind) {
    case 'namespace':
      return {
        namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: peer.name } },
        // One peer with both selectors: these pods, and only in that namespace.
        ...(peer.pods ? { podSelector: { matchExpressions: peer.pods.matchExpressions.map((e) => ({ ...e, values: [...e.values] })) } } : {}),
      };
    case 'tenants':
      return { namespaceSelector: { matchExpressions: [{ key: TENANT_LABEL, operator: 'Exists' }] } };
    case 'platform':
      return {
        namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...PLATFORM_NAMESPACES] }] },
      };
    case 'internet':
      return { ipBlock: { cidr: '0.0.0.0/0', except: [...PRIVATE_RANGES] } };
  }
}
