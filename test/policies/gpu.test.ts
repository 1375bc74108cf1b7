import { describe, expect, it } from 'vitest';
import { gpuSchedulingProblems, gpuWorkloads, unpinnedImages } from '../../src/policy/gpu-scheduling.js';
import { modelFromManifests } from '../../src/analysis/model-from-manifests.js';
import { namespaceReach } from '../../src/analysis/matrix.js';
import { allowedPorts } from '../../src/analysis/reachability.js';
import { everyEnvironment, objectsOf, ofKind } from '../support/synth.js';
import type { KubeObject } from '../../src/app.js';
import { parseQuantity } from '../../src/lib/quantity.js';

describe.each(everyEnvironment())('GPU proofs for $env ($source), from the synthesized manifests', ({ charts }) => {
  const objects = objectsOf(charts);

  it('has GPU workloads to check', () => {
    expect(gpuWorkloads(objects).length).toBeGreaterThan(0);
  });

  it('can schedule every pod template that requests GPUs on some NodePool, with GPU requests equal to limits and the GPU toleration', () => {
    expect(gpuSchedulingProblems(objects)).toEqual([]);
  });

  it('pins every image', () => {
    expect(unpinnedImages(objects)).toEqual([]);
  });

  it('fits the worst-case demand of ai-inference (every model at maxReplicas, canaries) in its quota, and the GPUs in the NodePools', () => {
    // Most replicas of each Deployment: its ScaledObject's maxReplicaCount, or its fixed replicas.
    const maxReplicas = new Map(ofKind<{ spec: { scaleTargetRef: { name: string }; maxReplicaCount: number } }>(objects, 'ScaledObject').map((s) => [s.spec.scaleTargetRef.name, s.spec.maxReplicaCount]));
    const deployments = ofKind<{ spec: { replicas?: number; template: { spec: { containers: { resources: { requests: Record<string, unknown> } }[] } } } }>(objects, 'Deployment')
      .filter((d) => d.metadata.namespace === 'ai-inference');
    const demand = (key: string) => deployments.reduce((acc, d) => {
      const replicas = maxReplicas.get(d.metadata.name) ?? d.spec.replicas ?? 1;
      return acc + replicas * d.spec.template.spec.containers.reduce((a, c) => a + parseQuantity(String(c.resources.requests[key] ?? 0)), 0);
    }, 0);
    const hard = ofKind<{ spec: { hard: Record<string, string> } }>(objects, 'ResourceQuota').find((q) => q.metadata.namespace === 'ai-inference')!.spec.hard;
    for (const key of ['cpu', 'memory', 'nvidia.com/gpu']) {
      expect(demand(key), key).toBeGreaterThan(0);
      expect(demand(key), key).toBeLessThanOrEqual(parseQuantity(hard[`requests.${key}`]));
    }
    const pools = ofKind<{ spec: { limits: Record<string, string> } }>(objects, 'NodePool')
      .filter((p) => !p.metadata.name.startsWith('tenant-'))
      .reduce((a, p) => a + Number(p.spec.limits['nvidia.com/gpu'] ?? 0), 0);
    expect(demand('nvidia.com/gpu')).toBeLessThanOrEqual(pools);
  });

  it('lets only the AI gateway reach model servers (serving ports, endpoint pickers), and Prometheus scrape them', () => {
    const model = modelFromManifests(objects);
    for (const ns of model.namespaces.map((n) => n.name).filter((n) => n !== 'ai-inference')) {
      const reach = namespaceReach(model, ns, 'ai-inference');
      if (ns === 'ai-gateway') expect(reach.toString(), ns).toBe('TCP 8000, 8080, 9002');
      else if (ns === 'observability') expect(reach.toString()).toBe('TCP 8000, 8080, 9090-9091, 9400, 15020'); // metrics scraping
      else expect(reach.isEmpty(), ns).toBe(true);
    }
  });

  it('lets model servers reach DNS, observability and the internet on 443, and no private address', () => {
    const model = modelFromManifests(objects);
    expect(namespaceReach(model, 'ai-inference', 'internet').toString()).toBe('TCP 443');
    // Only the endpoint pickers reach private addresses, on 443 (the Kubernetes API); model servers reach none.
    expect(namespaceReach(model, 'ai-inference', 'vpc').toString()).toMatch(/^(TCP 443|none)$/);
    const vpc = { kind: 'external', external: model.externals.find((e) => e.name === 'vpc')! } as const;
    for (const server of model.pods.filter((p) => p.namespace === 'ai-inference' && p.labels['platform.agentic.io/model'])) {
      expect(allowedPorts(model, { kind: 'pod', pod: server }, vpc).isEmpty(), server.name).toBe(true);
    }
    expect(namespaceReach(model, 'ai-inference', 'kube-system').has('UDP', 53)).toBe(true);
    expect(namespaceReach(model, 'ai-inference', 'observability').has('TCP', 4317)).toBe(true);
    for (const ns of ['ai-agents', 'ai-data', 'ai-gateway']) expect(namespaceReach(model, 'ai-inference', ns).isEmpty(), ns).toBe(true);
  });
});

describe('GPU scheduling proof', () => {
  const pool = (name: string, taints: object[], types: string[], labels: Record<string, string> = {}) => ({
    apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name },
    spec: { template: { metadata: { labels }, spec: { taints, requirements: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: types }] } } },
  });
  const workload = (podSpec: object, gpus = 1, limitGpus = gpus, image = 'vllm/vllm-openai:v0.11.0') => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'm', namespace: 'ai-inference' },
    spec: { template: { spec: { containers: [{ name: 'server', image, resources: { requests: { 'nvidia.com/gpu': gpus }, limits: { 'nvidia.com/gpu': limitGpus } } }], ...podSpec } } },
  });
  const gpuToleration = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };
  const gpuPool = pool('gpu', [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }], ['g5.xlarge', 'g5.12xlarge']);
  const check = (...objects: object[]) => gpuSchedulingProblems(objects as KubeObject[]);

  it('accepts a workload that tolerates the taint and fits an instance type', () => {
    expect(check(gpuPool, workload({ tolerations: [gpuToleration] }, 4))).toEqual([]);
  });

  it('fails when the pod does not tolerate a taint of every pool', () => {
    const spot = pool('spot', [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }, { key: 'karpenter.sh/capacity-type', value: 'spot', effect: 'NoSchedule' }], ['g5.xlarge']);
    expect(check(spot, workload({ tolerations: [gpuToleration] }))).toEqual([
      'Deployment ai-inference/m: 1 GPUs fit no NodePool (spot: does not tolerate taint karpenter.sh/capacity-type=spot:NoSchedule)',
    ]);
  });

  it('fails when no instance type of the pool has enough GPUs', () => {
    expect(check(gpuPool, workload({ tolerations: [gpuToleration] }, 8))).toEqual([
      'Deployment ai-inference/m: 8 GPUs fit no NodePool (gpu: no allowed instance type has 8 GPUs (g5.xlarge, g5.12xlarge))',
    ]);
  });

  it('fails when the nodeSelector or the node affinity rules out the pool', () => {
    expect(check(gpuPool, workload({ tolerations: [gpuToleration], nodeSelector: { 'karpenter.sh/nodepool': 'other' } }))[0]).toContain(
      'gpu: nodeSelector karpenter.sh/nodepool=other matches no node of the pool',
    );
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.48xlarge'] }] }] } } };
    expect(check(gpuPool, workload({ tolerations: [gpuToleration], affinity }))[0]).toContain('gpu: required node affinity matches no node of the pool');
  });

  it('fails when GPU requests differ from limits, or the GPU taint is not tolerated', () => {
    expect(check(gpuPool, workload({ tolerations: [gpuToleration] }, 1, 2))).toContain(
      'Deployment ai-inference/m: container server requests 1 GPUs but limits 2; GPUs cannot be overcommitted, set both equal',
    );
    expect(check(gpuPool, workload({}))).toContain('Deployment ai-inference/m: requests GPUs but does not tolerate the nvidia.com/gpu taint');
  });

  it('fails on images without a tag or with latest', () => {
    expect(unpinnedImages([workload({}, 1, 1, 'vllm/vllm-openai:latest'), workload({}, 1, 1, 'registry:5000/vllm')])).toEqual([
      'Deployment ai-inference/m: container server image "vllm/vllm-openai:latest" is not pinned; use a version tag or a digest',
      'Deployment ai-inference/m: container server image "registry:5000/vllm" is not pinned; use a version tag or a digest',
    ]);
    expect(unpinnedImages([workload({}, 1, 1, 'registry:5000/vllm@sha256:' + 'a'.repeat(64))])).toEqual([]);
  });
});
