import { inCidr } from './cidr.js';
import type { ClusterModel, Namespace, PolicyPeer } from './cluster-model.js';
import { selectorMatches, type LabelSelector } from './label-selector.js';

/**
 * Groups namespaces that no NetworkPolicy can tell apart, so the reachability matrix of a thousand tenants analyzes
 * a handful of namespaces, not a million pairs.
 *
 * Two namespaces are in one class when swapping them (and their own names and labels) maps the cluster onto itself:
 * - their own labels, policies and pods are the same once each one's own tokens (its name, and label values no other
 *   namespace has, such as its tenant's name) are replaced by a placeholder; and
 * - every selector and address block that any policy uses matches them, and each of their pods, alike.
 * Then reach(A, X) = reach(A', X) for every other X, and reach(A, A') is the same for every pair of distinct members,
 * so one representative (pair) per class answers for all.
 */
export function namespaceClasses(model: ClusterModel): Map<string, string> {
  const peers = model.policies.flatMap((p) => [...(p.spec.ingress ?? []).flatMap((r) => r.from ?? []), ...(p.spec.egress ?? []).flatMap((r) => r.to ?? [])]);
  const namespaceSelectors = distinct(peers.flatMap((p) => (p.namespaceSelector ? [p.namespaceSelector] : [])));
  const podSelectors = distinct([...model.policies.map((p) => p.spec.podSelector), ...peers.flatMap((p: PolicyPeer) => (p.podSelector ? [p.podSelector] : []))]);
  const ipBlocks = distinct(peers.flatMap((p) => (p.ipBlock ? [p.ipBlock] : [])));

  const valueCount = new Map<string, number>();
  for (const ns of model.namespaces) for (const v of new Set(Object.values(ns.labels))) valueCount.set(v, (valueCount.get(v) ?? 0) + 1);
  const podsOf = groupBy(model.pods, (p) => p.namespace);
  const policiesOf = groupBy(model.policies, (p) => p.namespace);

  const classOf = new Map<string, string>();
  for (const ns of model.namespaces) {
    const own = ownTokens(ns, valueCount);
    const canon = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' && own.has(v) ? '\0self' : v));
    const pods = (podsOf.get(ns.name) ?? [])
      .map((pod) => ({
        labels: canon(sorted(pod.labels)),
        ports: canon(pod.ports),
        selected: podSelectors.map((s) => (selectorMatches(s, pod.labels) ? 1 : 0)).join(''),
        addressed: ipBlocks.map((b) => (inCidr(pod.ip, b.cidr) && !(b.except ?? []).some((c) => inCidr(pod.ip, c)) ? 1 : 0)).join(''),
      }))
      .map((p) => JSON.stringify(p))
      .sort();
    const policies = (policiesOf.get(ns.name) ?? []).map((p) => canon(p.spec)).sort();
    const signature = JSON.stringify({
      labels: canon(sorted(ns.labels)),
      selected: namespaceSelectors.map((s) => (selectorMatches(s, ns.labels) ? 1 : 0)).join(''),
      pods,
      policies,
    });
    classOf.set(ns.name, signature);
  }
  return classOf;
}

/** A namespace's name, and the values of its labels that no other namespace carries. */
function ownTokens(ns: Namespace, valueCount: ReadonlyMap<string, number>): Set<string> {
  return new Set([ns.name, ...Object.values(ns.labels).filter((v) => valueCount.get(v) === 1)]);
}

function distinct<T extends LabelSelector | { cidr: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((i) => [JSON.stringify(i), i])).values()];
}

function sorted(labels: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
