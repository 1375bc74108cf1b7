import { inCidr } from './cidr.js';
import type { ClusterModel, Endpoint, Namespace, Pod, Policy, PolicyPeer, PolicyPort } from './cluster-model.js';
import { selectorMatches } from './label-selector.js';
import { PortSet, type Protocol } from './port-set.js';

/**
 * NetworkPolicy semantics, as the Kubernetes API documents them:
 * - a pod selected by no policy of a direction is open in that direction; once selected, only what some rule of
 *   some selecting policy allows gets through (policies are additive, never subtractive);
 * - policyTypes defaults to Ingress, plus Egress when the policy has egress rules;
 * - a rule without peers matches every peer, a rule without ports every port;
 * - one peer with namespaceSelector and podSelector means "these pods in these namespaces" (AND); a podSelector
 *   alone means pods of the policy's own namespace; a namespaceSelector alone means all pods of those namespaces;
 *   separate list items are alternatives (OR);
 * - ipBlock matches addresses in cidr and not in except;
 * - a named port is resolved against the destination pod's container ports, endPort makes a range,
 *   protocol defaults to TCP;
 * - a connection needs the source's egress and the destination's ingress to allow it.
 */
export function allowedPorts(model: ClusterModel, src: Endpoint, dst: Endpoint): PortSet {
  const egress = src.kind === 'pod' ? directionAllows(model, src.pod, 'Egress', dst, dst) : PortSet.ALL;
  const ingress = dst.kind === 'pod' ? directionAllows(model, dst.pod, 'Ingress', src, dst) : PortSet.ALL;
  return egress.intersect(ingress);
}

/** Policies of the pod's namespace that select it for a direction. */
export function policiesSelecting(model: ClusterModel, pod: Pod, direction: 'Ingress' | 'Egress'): Policy[] {
  return policiesIn(model, pod.namespace).filter((p) => selectorMatches(p.spec.podSelector, pod.labels) && policyTypes(p).includes(direction));
}

const byNamespace = new WeakMap<ClusterModel, Map<string, Policy[]>>();

/** Policies of one namespace; indexed once per model, so large clusters stay fast. */
function policiesIn(model: ClusterModel, namespace: string): Policy[] {
  let index = byNamespace.get(model);
  if (!index) {
    index = new Map();
    for (const p of model.policies) index.set(p.namespace, [...(index.get(p.namespace) ?? []), p]);
    byNamespace.set(model, index);
  }
  return index.get(namespace) ?? [];
}

const namespaceIndex = new WeakMap<ClusterModel, Map<string, Namespace>>();

function namespaceNamed(model: ClusterModel, name: string): Namespace | undefined {
  let index = namespaceIndex.get(model);
  if (!index) {
    index = new Map(model.namespaces.map((n) => [n.name, n]));
    namespaceIndex.set(model, index);
  }
  return index.get(name);
}

function policyTypes(p: Policy): readonly ('Ingress' | 'Egress')[] {
  if (p.spec.policyTypes && p.spec.policyTypes.length > 0) return p.spec.policyTypes;
  return p.spec.egress && p.spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Ports `pod` allows in `direction` with `peer` on the other end; `target` resolves named ports. */
function directionAllows(model: ClusterModel, pod: Pod, direction: 'Ingress' | 'Egress', peer: Endpoint, target: Endpoint): PortSet {
  const policies = policiesSelecting(model, pod, direction);
  if (policies.length === 0) return PortSet.ALL;
  let allowed = PortSet.EMPTY;
  for (const policy of policies) {
    const rules = (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ?? [];
    for (const rule of rules) {
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      if (!peersMatch(model, peers, peer, policy.namespace)) continue;
      allowed = allowed.union(rulePorts(rule.ports, target));
    }
  }
  return allowed;
}

function peersMatch(model: ClusterModel, peers: readonly PolicyPeer[] | undefined, endpoint: Endpoint, policyNamespace: string): boolean {
  if (!peers || peers.length === 0) return true;
  return peers.some((peer) => peerMatches(model, peer, endpoint, policyNamespace));
}

function peerMatches(model: ClusterModel, peer: PolicyPeer, endpoint: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    const ip = endpoint.kind === 'pod' ? endpoint.pod.ip : endpoint.external.ip;
    return inCidr(ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(ip, c));
  }
  if (endpoint.kind !== 'pod') return false; // selectors only ever match pods
  const pod = endpoint.pod;
  if (peer.namespaceSelector) {
    const ns = namespaceNamed(model, pod.namespace);
    if (!ns || !selectorMatches(peer.namespaceSelector, ns.labels)) return false;
  } else if (pod.namespace !== policyNamespace) {
    return false;
  }
  return peer.podSelector ? selectorMatches(peer.podSelector, pod.labels) : true;
}

function rulePorts(ports: readonly PolicyPort[] | undefined, target: Endpoint): PortSet {
  if (!ports || ports.length === 0) return PortSet.ALL;
  let out = PortSet.EMPTY;
  for (const p of ports) {
    const protocol: Protocol = p.protocol ?? 'TCP';
    if (p.port === undefined) out = out.union(PortSet.allOf(protocol));
    else if (typeof p.port === 'number') out = out.union(PortSet.of(protocol, p.port, p.endPort ?? p.port));
    else if (/^\d+$/.test(p.port)) out = out.union(PortSet.of(protocol, Number(p.port), p.endPort ?? Number(p.port)));
    else if (target.kind === 'pod') {
      // Named ports name the destination pod's container ports, of the same protocol.
      for (const cp of target.pod.ports) {
        if (cp.name === p.port && (cp.protocol ?? 'TCP') === protocol) out = out.union(PortSet.of(protocol, cp.containerPort));
      }
    }
  }
  return out;
}
