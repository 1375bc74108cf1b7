import { describe, expect, it } from 'vitest';
import { everyEnvironment, objectsOf, ofKind } from '../support/synth.js';

type NodeClass = { spec: { tags: Record<string, string> } };
type NodePool = { spec: { template: { spec: { nodeClassRef: { name: string } } } } };

/**
 * What AWS cost allocation sees of Karpenter's instances: Karpenter itself tags each instance with
 * karpenter.sh/nodepool (the pool's name), and our node classes add the environment and workload.
 */
describe.each(everyEnvironment())('cost-allocation tags of $source/$env', ({ env, charts }) => {
  const objects = objectsOf(charts);

  it('tags every instance a node class launches with the environment and workload', () => {
    const classes = ofKind<NodeClass>(objects, 'EC2NodeClass');
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) expect(c.spec.tags, c.metadata.name).toMatchObject({ Environment: env, Workload: expect.any(String) });
  });

  it('gives every NodePool a name of its own, and a tenant\'s node pool the tenant\'s name and label', () => {
    const pools = ofKind<NodePool>(objects, 'NodePool');
    const names = pools.map((p) => p.metadata.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of pools.filter((x) => x.metadata.labels?.['platform.agentic.io/tenant'])) {
      expect(p.metadata.name).toBe(`tenant-${p.metadata.labels!['platform.agentic.io/tenant']}`);
    }
  });
});
