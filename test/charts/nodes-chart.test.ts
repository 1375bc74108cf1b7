import { describe, expect, it } from 'vitest';
import { fixtureEnvironments, named, objectsOf, ofKind, fixtureInput } from '../support/synth.js';

describe.each(fixtureEnvironments())('GPU nodes of $env', ({ env: envName, charts }) => {
  const environment = fixtureInput().environments.find((e) => e.name === envName)!;
  const objects = objectsOf(charts, 'nodes');

  it('creates one Karpenter NodePool per GPU pool, tainted for GPUs (and spot when spot-only), capped by GPUs', () => {
    expect(ofKind(objects, 'NodePool').map((p) => p.metadata.name).sort()).toEqual(environment.gpuPools.map((p) => p.name).sort());
    for (const pool of environment.gpuPools) {
      const np = named(objects, 'NodePool', pool.name) as unknown as { spec: Record<string, any> };
      const taints = np.spec.template.spec.taints;
      expect(taints).toContainEqual({ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' });
      expect(taints.some((t: { key: string }) => t.key === 'karpenter.sh/capacity-type')).toBe(!pool.capacityTypes.includes('on-demand'));
      expect(np.spec.limits['nvidia.com/gpu']).toBe(String(pool.gpuLimit));
      expect(np.spec.weight).toBe(pool.weight);
      const req = Object.fromEntries(np.spec.template.spec.requirements.map((r: { key: string; values: string[] }) => [r.key, r.values]));
      expect(req['node.kubernetes.io/instance-type']).toEqual(pool.instanceTypes);
      expect(req['karpenter.sh/capacity-type']).toEqual(pool.capacityTypes);
      expect(np.spec.disruption.consolidationPolicy).toBe(pool.consolidationPolicy);
      expect(np.spec.disruption.consolidateAfter).toBe(pool.consolidateAfter);
      expect(np.spec.disruption.budgets[0]).toEqual({ nodes: pool.disruptionBudget });
      if (pool.freeze) expect(np.spec.disruption.budgets[1]).toEqual({ nodes: '0', schedule: pool.freeze.schedule, duration: pool.freeze.duration });
    }
  });

  it('gives GPU nodes a pinned AL2023 image, discovery by tag, IMDSv2 and the environment\'s encrypted gp3 root volume', () => {
    const nc = named(objects, 'EC2NodeClass', 'gpu') as unknown as { spec: Record<string, any> };
    const cluster = environment.clusters[0].name;
    expect(nc.spec.amiSelectorTerms).toEqual([{ alias: environment.nodes.amiAlias }]);
    expect(nc.spec.amiSelectorTerms[0].alias).not.toMatch(/@latest$/);
    expect(nc.spec.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': cluster } }]);
    expect(nc.spec.securityGroupSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': cluster } }]);
    expect(nc.spec.metadataOptions).toMatchObject({ httpTokens: 'required', httpPutResponseHopLimit: 1 });
    expect(nc.spec.blockDeviceMappings[0].ebs).toEqual({
      volumeSize: String(environment.nodes.gpuRootVolume.size), volumeType: 'gp3', iops: environment.nodes.gpuRootVolume.iops,
      throughput: environment.nodes.gpuRootVolume.throughputMiBs, encrypted: true, deleteOnTermination: true,
    });
    expect(nc.spec.tags).toMatchObject({ Environment: envName, Workload: 'ai-inference' });
    expect(nc.spec.role).toBe(`KarpenterNodeRole-${cluster}`);
  });
});

describe('prod GPU pools', () => {
  it('are the design\'s: an on-demand + spot pool of p4d/p5/g5 with a business-hours freeze, and a spot pool', () => {
    const prod = fixtureEnvironments().find((e) => e.env === 'prod')!;
    const objects = objectsOf(prod.charts, 'nodes');
    const main = named(objects, 'NodePool', 'gpu-inference-pool') as unknown as { spec: Record<string, any> };
    expect(main.spec.limits['nvidia.com/gpu']).toBe('64');
    expect(main.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '30s',
      budgets: [{ nodes: '20%' }, { nodes: '0', schedule: '0 9 * * 1-5', duration: '8h' }],
    });
    expect(named(objects, 'NodePool', 'gpu-spot-pool')).toBeDefined();
  });
});
