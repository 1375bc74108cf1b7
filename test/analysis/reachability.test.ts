import { describe, expect, it } from 'vitest';
import type { ClusterModel, Endpoint, NetworkPolicySpec, Pod } from '../../src/analysis/cluster-model.js';
import { allowedPorts } from '../../src/analysis/reachability.js';
import { PortSet } from '../../src/analysis/port-set.js';

// A small cluster, built by hand: namespaces "a", "b", "c" (c labelled team=x), pods with labels and ports.
const pod = (namespace: string, name: string, labels: Record<string, string> = {}, ports: Pod['ports'] = [], ip = '10.0.0.1'): Pod =>
  ({ namespace, name, labels, ports, ip });
const web = pod('a', 'web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 5353, protocol: 'UDP' }], '10.0.0.1');
const db = pod('a', 'db', { app: 'db' }, [{ name: 'pg', containerPort: 5432 }], '10.0.0.2');
const clientB = pod('b', 'client', { app: 'client' }, [], '10.0.1.1');
const otherB = pod('b', 'other', { app: 'other' }, [], '10.0.1.2');
const clientC = pod('c', 'client', { app: 'client' }, [], '10.0.2.1');
const internet: Endpoint = { kind: 'external', external: { name: 'internet', ip: '203.0.113.10' } };
const vpc: Endpoint = { kind: 'external', external: { name: 'vpc', ip: '10.255.0.1' } };

function cluster(...policies: { ns: string; spec: NetworkPolicySpec }[]): ClusterModel {
  return {
    namespaces: [
      { name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } },
      { name: 'b', labels: { 'kubernetes.io/metadata.name': 'b' } },
      { name: 'c', labels: { 'kubernetes.io/metadata.name': 'c', team: 'x' } },
    ],
    pods: [web, db, clientB, otherB, clientC],
    policies: policies.map((p, i) => ({ name: `p${i}`, namespace: p.ns, spec: p.spec })),
    externals: [],
  };
}
const at = (p: Pod): Endpoint => ({ kind: 'pod', pod: p });
const reach = (m: ClusterModel, from: Pod | Endpoint, to: Pod | Endpoint) =>
  allowedPorts(m, 'kind' in from ? from : at(from), 'kind' in to ? to : at(to)).toString();

const denyAll: NetworkPolicySpec = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };

describe('NetworkPolicy analyzer', () => {
  it('leaves a pod that no policy selects open in both directions', () => {
    expect(reach(cluster(), clientB, web)).toBe('all');
    expect(reach(cluster({ ns: 'a', spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] } }), clientB, web)).toBe('all');
  });

  it('denies everything to and from a pod selected by a policy without rules', () => {
    const m = cluster({ ns: 'a', spec: denyAll });
    expect(reach(m, clientB, web)).toBe('none');
    expect(reach(m, web, clientB)).toBe('none');
  });

  it('isolates only the directions in policyTypes', () => {
    const m = cluster({ ns: 'a', spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    expect(reach(m, clientB, web)).toBe('none');
    expect(reach(m, web, clientB)).toBe('all');
  });

  it('defaults policyTypes to Ingress, plus Egress when egress rules exist', () => {
    const ingressOnly = cluster({ ns: 'a', spec: { podSelector: {} } });
    expect(reach(ingressOnly, web, clientB)).toBe('all');
    expect(reach(ingressOnly, clientB, web)).toBe('none');
    const withEgress = cluster({ ns: 'a', spec: { podSelector: {}, egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }] }] } });
    expect(reach(withEgress, web, clientB)).toBe('all'); // egress isolated, and this rule allows b
    expect(reach(withEgress, web, clientC)).toBe('none'); // egress isolated: c is not allowed
    expect(reach(withEgress, clientB, web)).toBe('none'); // ingress is isolated too, with no rule
  });

  it('needs both the egress of the source and the ingress of the destination', () => {
    const openIngress = { ns: 'a', spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] } as NetworkPolicySpec };
    const denyEgressB = { ns: 'b', spec: { podSelector: {}, policyTypes: ['Egress'] } as NetworkPolicySpec };
    expect(reach(cluster(openIngress), clientB, web)).toBe('all');
    expect(reach(cluster(openIngress, denyEgressB), clientB, web)).toBe('none');
  });

  it('adds up policies: what any selecting policy allows gets through', () => {
    const m = cluster(
      { ns: 'a', spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] } },
      { ns: 'a', spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 443 }] }] } },
    );
    expect(reach(m, clientB, web)).toBe('TCP 80, 443');
    expect(reach(m, clientB, db)).toBe('TCP 80');
  });

  it('reads a podSelector alone as pods of the policy\'s own namespace', () => {
    const m = cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }] } });
    expect(reach(m, clientB, web)).toBe('none'); // a client, but in namespace b
    expect(reach(cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] } }), db, web)).toBe('all');
  });

  it('reads a lone namespaceSelector {} as every pod of every namespace (the classic mistake)', () => {
    const m = cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] } });
    expect(reach(m, clientB, web)).toBe('all');
    expect(reach(m, clientC, web)).toBe('all');
    expect(reach(m, internet, web)).toBe('none'); // selectors never match addresses outside the pod network
  });

  it('ANDs namespaceSelector and podSelector in one peer, but ORs them as two list items', () => {
    const and = cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } }, podSelector: { matchLabels: { app: 'client' } } }] }] } });
    expect(reach(and, clientB, web)).toBe('all');
    expect(reach(and, otherB, web)).toBe('none');
    expect(reach(and, clientC, web)).toBe('none');
    const or = cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }, { podSelector: { matchLabels: { app: 'client' } } }] }] } });
    expect(reach(or, otherB, web)).toBe('all'); // any pod of b
    expect(reach(or, clientC, web)).toBe('none'); // the podSelector item means clients of namespace a only
  });

  it('matches matchExpressions with In, NotIn, Exists and DoesNotExist', () => {
    const from = (ns: object) => cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: ns }] }] } });
    expect(reach(from({ matchExpressions: [{ key: 'team', operator: 'In', values: ['x'] }] }), clientC, web)).toBe('all');
    expect(reach(from({ matchExpressions: [{ key: 'team', operator: 'In', values: ['x'] }] }), clientB, web)).toBe('none');
    expect(reach(from({ matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['x'] }] }), clientB, web)).toBe('all');
    expect(reach(from({ matchExpressions: [{ key: 'team', operator: 'Exists' }] }), clientB, web)).toBe('none');
    expect(reach(from({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }), clientC, web)).toBe('none');
  });

  it('matches ipBlock by CIDR minus its exceptions', () => {
    const m = cluster({ ns: 'a', spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] }] } });
    expect(reach(m, web, internet)).toBe('TCP 443');
    expect(reach(m, web, vpc)).toBe('none');
    expect(reach(m, web, clientB)).toBe('none'); // pod addresses are in 10/8 here
  });

  it('treats a rule without ports as every port and a rule without peers as every peer', () => {
    const m = cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{}] } });
    expect(reach(m, clientC, web)).toBe('all');
    expect(reach(m, internet, web)).toBe('all');
  });

  it('resolves named ports against the destination pod\'s container ports, with their protocol', () => {
    const m = cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{ ports: [{ port: 'http' }, { port: 'dns', protocol: 'UDP' }, { port: 'pg' }] }] } });
    expect(reach(m, clientB, web)).toBe('TCP 8080; UDP 5353');
    expect(reach(m, clientB, db)).toBe('TCP 5432');
    const wrongProtocol = cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{ ports: [{ port: 'dns' }] }] } });
    expect(reach(wrongProtocol, clientB, web)).toBe('none'); // "dns" is a UDP port; the rule says TCP
  });

  it('reads port ranges with endPort and protocols, TCP by default', () => {
    const m = cluster({ ns: 'a', spec: { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 8010 }, { protocol: 'UDP', port: 53 }, { protocol: 'SCTP' }] }] } });
    expect(reach(m, clientB, web)).toBe('TCP 8000-8010; UDP 53; SCTP all');
  });

  it('computes port set intersections exactly', () => {
    const a = PortSet.of('TCP', 1, 100).union(PortSet.of('UDP', 53));
    const b = PortSet.of('TCP', 50, 60).union(PortSet.of('TCP', 90, 200));
    expect(a.intersect(b).toString()).toBe('TCP 50-60, 90-100');
    expect(PortSet.of('TCP', 1, 10).union(PortSet.of('TCP', 11, 20)).toString()).toBe('TCP 1-20');
  });
});
