import type { LabelSelector } from './label-selector.js';
import type { Protocol } from './port-set.js';

/** A NetworkPolicy as the analyzer reads it (networking.k8s.io/v1). */
export interface NetworkPolicySpec {
  readonly podSelector: LabelSelector;
  readonly policyTypes?: readonly ('Ingress' | 'Egress')[];
  readonly ingress?: readonly PolicyRule[];
  readonly egress?: readonly PolicyRule[];
}

export interface PolicyRule {
  readonly from?: readonly PolicyPeer[];
  readonly to?: readonly PolicyPeer[];
  readonly ports?: readonly PolicyPort[];
}

export interface PolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

export interface PolicyPort {
  readonly protocol?: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface Policy {
  readonly name: string;
  readonly namespace: string;
  readonly spec: NetworkPolicySpec;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: Protocol;
}

export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  readonly ip: string;
}

/** An address outside the pod network, e.g. the internet or a VPC endpoint. */
export interface External {
  readonly name: string;
  readonly ip: string;
}

export interface Namespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ClusterModel {
  readonly namespaces: readonly Namespace[];
  readonly pods: readonly Pod[];
  readonly policies: readonly Policy[];
  readonly externals: readonly External[];
}

export type Endpoint = { readonly kind: 'pod'; readonly pod: Pod } | { readonly kind: 'external'; readonly external: External };
