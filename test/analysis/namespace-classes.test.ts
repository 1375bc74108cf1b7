import { describe, expect, it } from 'vitest';
import type { ClusterModel, NetworkPolicySpec } from '../../src/analysis/cluster-model.js';
import { namespaceClasses } from '../../src/analysis/namespace-classes.js';
import { reachabilityMatrix, type ReachabilityMatrix } from '../../src/analysis/matrix.js';
import { modelFromManifests } from '../../src/analysis/model-from-manifests.js';
import { synthesizeEnvironment } from '../../src/app.js';
import { loadInput } from '../../src/config/load.js';
import { everyEnvironment, objectsOf } from '../support/synth.js';
import { readInput, removeRepo, scratchRepo, writeInput } from '../support/repo.js';

const asText = (m: ReachabilityMatrix) => m.sources.map((s) => m.destinations.map((d) => `${s}->${d}: ${m.cells[s][d]}`).join('\n')).join('\n');

/** Tenants t0..t(n-1) that deny everything but DNS and their own namespace, plus what `extra` adds. */
function tenants(n: number, extra: (ns: string, i: number) => { ns: string; spec: NetworkPolicySpec }[] = () => []): ClusterModel {
  const names = Array.from({ length: n }, (_, i) => `tenant-t${i}`);
  const policies = names.flatMap((ns, i) => [
    { ns, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } as NetworkPolicySpec },
    { ns, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] } as NetworkPolicySpec },
    ...extra(ns, i),
  ]);
  return {
    namespaces: [...names.map((name, i) => ({ name, labels: { 'kubernetes.io/metadata.name': name, 'platform.agentic.io/tenant': `t${i}`, kind: 'tenant' } })), { name: 'gw', labels: { 'kubernetes.io/metadata.name': 'gw' } }],
    pods: [...names.map((ns, i) => ({ namespace: ns, name: '*', labels: { app: 'agent' }, ports: [{ containerPort: 8080 }], ip: `10.0.0.${i + 1}` })), { namespace: 'gw', name: '*', labels: {}, ports: [], ip: '10.0.1.1' }],
    policies: policies.map((p, i) => ({ name: `p${i}`, namespace: p.ns, spec: p.spec })),
    externals: [{ name: 'internet', ip: '203.0.113.1' }],
  };
}

describe('namespaces that no policy can tell apart are analyzed once', () => {
  it('puts identically guarded tenants in one class, and the gateway in its own', () => {
    const classes = namespaceClasses(tenants(5));
    expect(new Set(['tenant-t0', 'tenant-t1', 'tenant-t4'].map((n) => classes.get(n))).size).toBe(1);
    expect(classes.get('gw')).not.toBe(classes.get('tenant-t0'));
  });

  it('splits a tenant that a policy singles out by name, by label or by address', () => {
    const byName = tenants(4, (ns) => (ns === 'tenant-t0' ? [] : ns === 'tenant-t1' ? [{ ns, spec: { podSelector: {}, egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tenant-t2' } } }] }] } }] : []));
    const c1 = namespaceClasses(byName);
    expect(c1.get('tenant-t1')).not.toBe(c1.get('tenant-t0')); // its own policy differs
    expect(c1.get('tenant-t2')).not.toBe(c1.get('tenant-t3')); // it is the one t1 may reach
    expect(c1.get('tenant-t0')).toBe(c1.get('tenant-t3'));
    const byAddress = tenants(3, (ns) => (ns === 'tenant-t0' ? [{ ns, spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.3/32' } }] }] } }] : []));
    const c2 = namespaceClasses(byAddress);
    expect(c2.get('tenant-t2')).not.toBe(c2.get('tenant-t1')); // 10.0.0.3 is t2's pod
  });

  it('gives exactly the matrix of the pair-by-pair analysis, on hand-built clusters', () => {
    const models = [
      tenants(6),
      tenants(6, (ns, i) => (i % 2 ? [{ ns, spec: { podSelector: {}, egress: [{ to: [{ namespaceSelector: { matchLabels: { kind: 'tenant' } } }], ports: [{ port: 8080 }] }] } }] : [])),
      tenants(5, (ns, i) => (i === 3 ? [{ ns, spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'platform.agentic.io/tenant': 't1' } } }] }] } }] : [])),
      tenants(4, (ns) => [{ ns, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/31' } }] }] } }]),
    ];
    for (const model of models) expect(asText(reachabilityMatrix(model))).toBe(asText(reachabilityMatrix(model, { exhaustive: true })));
  });

  it('gives exactly the matrix of the pair-by-pair analysis, on every synthesized environment', () => {
    for (const { charts } of everyEnvironment()) {
      const model = modelFromManifests(objectsOf(charts));
      expect(asText(reachabilityMatrix(model))).toBe(asText(reachabilityMatrix(model, { exhaustive: true })));
    }
  });

  it('groups a synthesized fleet of tenants that differ only in name', () => {
    const root = scratchRepo();
    try {
      const template = readInput(root, 'tenants/a.yaml');
      for (let i = 0; i < 12; i++) {
        const text = template.replace(/^name: a$/m, `name: f${i}`).replace(/gpus: \d+/, 'gpus: 0').replace(/requestsMemory: \w+/, 'requestsMemory: 1Gi').replace(/requestsCpu: "?\d+"?/, 'requestsCpu: "1"');
        writeInput(root, `tenants/f${i}.yaml`, text);
      }
      const input = loadInput(root);
      const env = input.environments.find((e) => e.name === 'prod')!;
      const model = modelFromManifests(objectsOf(synthesizeEnvironment(input, env)));
      const classes = namespaceClasses(model);
      expect(new Set(Array.from({ length: 12 }, (_, i) => classes.get(`tenant-f${i}`))).size).toBe(1);
      expect(classes.get('tenant-f0')).not.toBe(classes.get('ai-gateway'));
      expect(asText(reachabilityMatrix(model))).toBe(asText(reachabilityMatrix(model, { exhaustive: true })));
    } finally {
      removeRepo(root);
    }
  });
});
