import { describe, expect, it } from 'vitest';
import { fixtureEnvironments, named, objectsOf, ofKind, fixtureInput } from '../support/synth.js';
import { fittingInstanceTypes } from '../../src/inference/instance-fit.js';
import { startupBudgetSeconds } from '../../src/inference/model-runtime.js';
import { huggingFaceTokenSecret } from '../../src/constructs/model-server.js';

interface Container {
  name: string; image: string; command?: string[]; args?: string[];
  env: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[];
  ports: { name: string; containerPort: number }[];
  resources: { requests: Record<string, unknown>; limits: Record<string, unknown> };
  startupProbe: { httpGet: { path: string }; periodSeconds: number; failureThreshold: number };
  readinessProbe: { httpGet: { path: string } };
  livenessProbe: { httpGet: { path: string } };
  lifecycle: { preStop: { sleep: { seconds: number } } };
  securityContext: { allowPrivilegeEscalation: boolean; readOnlyRootFilesystem: boolean; capabilities: { drop: string[] } };
  volumeMounts: { name: string; mountPath: string }[];
}
interface Deployment {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        containers: Container[];
        tolerations: { key: string; operator: string; value?: string; effect: string }[];
        nodeSelector: Record<string, string>;
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: { key: string; values: string[] }[] }[] } } };
        securityContext: { runAsNonRoot: boolean; seccompProfile: { type: string } };
        terminationGracePeriodSeconds: number;
        topologySpreadConstraints: { topologyKey: string }[];
        volumes: { name: string; emptyDir?: { medium?: string; sizeLimit?: string }; persistentVolumeClaim?: { claimName: string } }[];
      };
    };
  };
}
const env = (c: Container, name: string) => c.env.find((e) => e.name === name)?.value;

describe('instance types per model in prod', () => {
  const prod = fixtureEnvironments().find((e) => e.env === 'prod')!;
  const typesOf = (name: string) =>
    ((named(objectsOf(prod.charts, 'inference'), 'Deployment', name, 'ai-inference') as unknown as Deployment).spec.template.spec.affinity
      .nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values);

  it('keeps the 70B model off g5: 4 A10G hold 96GiB, it needs 150GiB', () => {
    expect(typesOf('llama-3-1-70b')).toEqual(['p4d.24xlarge', 'p5.48xlarge']);
  });

  it('lets the AWQ Mixtral run on g5.48xlarge and p4d, as its catalog entry allows', () => {
    expect(typesOf('mixtral-8x7b')).toEqual(['g5.48xlarge', 'p4d.24xlarge']);
  });

  it('lets the 7B model use every type of the spot pool', () => {
    expect(typesOf('qwen-2-5-7b')).toEqual(['g5.12xlarge', 'g5.24xlarge', 'g5.48xlarge']);
  });
});

describe.each(fixtureEnvironments())('inference layer of $env', ({ env: envName, charts }) => {
  const environment = fixtureInput().environments.find((e) => e.name === envName)!;
  const objects = objectsOf(charts, 'inference');

  it('serves every catalog model', () => {
    expect(environment.models.length).toBeGreaterThan(0);
    for (const m of environment.models) expect(named(objects, 'Deployment', m.name, 'ai-inference')).toBeDefined();
  });

  describe.each(environment.models)('model $name', (model) => {
    const pool = environment.gpuPools.find((p) => p.name === model.gpuPool)!;
    const d = named(objects, 'Deployment', model.name, 'ai-inference') as unknown as Deployment;
    const pod = d.spec.template.spec;
    const c = pod.containers[0];
    const port = model.engine === 'vllm' ? 8000 : 8080;

    it('requests GPUs equal to limits, and CPU and memory equal to limits', () => {
      expect(c.resources.requests).toEqual(c.resources.limits);
      expect(Number(c.resources.limits['nvidia.com/gpu'])).toBe(model.gpusPerReplica);
      expect(String(c.resources.requests.cpu)).toBe(String(model.cpu));
      expect(String(c.resources.requests.memory)).toBe(String(model.memory));
    });

    it('tolerates the GPU taint, and the spot taint exactly when its pool is spot-only', () => {
      expect(pod.tolerations).toContainEqual({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
      const spot = pod.tolerations.some((t) => t.key === 'karpenter.sh/capacity-type');
      expect(spot).toBe(!pool.capacityTypes.includes('on-demand'));
    });

    it('is pinned to its NodePool and to the instance types one replica fits on', () => {
      expect(pod.nodeSelector).toEqual({ 'karpenter.sh/nodepool': pool.name });
      const types = pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0];
      expect(types.key).toBe('node.kubernetes.io/instance-type');
      expect(types.values).toEqual(fittingInstanceTypes(model, pool));
      expect(types.values.length).toBeGreaterThan(0);
    });

    it('passes the catalog settings to the engine', () => {
      if (model.engine === 'vllm') {
        expect(c.command).toEqual(['vllm', 'serve']);
        expect(c.args).toEqual(expect.arrayContaining([model.modelId, `--tensor-parallel-size=${model.gpusPerReplica}`, `--max-model-len=${model.maxModelLen}`,
          `--gpu-memory-utilization=${model.gpuMemoryUtilization}`, `--port=8000`, `--served-model-name=${model.name}`]));
        expect((c.args ?? []).some((a) => a.startsWith('--quantization'))).toBe(model.quantization !== 'none');
      } else {
        expect(env(c, 'MODEL_ID')).toBe(model.modelId);
        expect(env(c, 'NUM_SHARD')).toBe(String(model.gpusPerReplica));
        expect(env(c, 'MAX_TOTAL_TOKENS')).toBe(String(model.maxModelLen));
        expect(Number(env(c, 'MAX_INPUT_LENGTH'))).toBeLessThan(model.maxModelLen);
        expect(env(c, 'QUANTIZE')).toBe(model.quantization === 'none' ? undefined : model.quantization);
        expect(env(c, 'PORT')).toBe('8080');
      }
      expect(c.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
    });

    it('reads the Hugging Face token from a secret reference, never a value, and only when the model is gated or names a secret', () => {
      const token = c.env.find((e) => e.name === 'HF_TOKEN');
      const secret = huggingFaceTokenSecret(model);
      expect(secret !== undefined).toBe(model.gated || model.hfTokenSecret !== undefined);
      if (secret === undefined) {
        expect(token).toBeUndefined();
        expect(JSON.stringify(d)).not.toContain('secretKeyRef');
      } else {
        expect(token!.value).toBeUndefined();
        expect(token!.valueFrom).toEqual({ secretKeyRef: { name: secret, key: 'token' } });
      }
    });

    it('mounts a memory-backed /dev/shm and the model cache', () => {
      const shm = pod.volumes.find((v) => v.name === 'shm')!;
      expect(shm.emptyDir).toEqual({ medium: 'Memory', sizeLimit: String(model.shmSize) });
      expect(c.volumeMounts).toContainEqual({ name: 'shm', mountPath: '/dev/shm' });
      const cache = pod.volumes.find((v) => v.name === 'models')!;
      if (model.cache.type === 'shared-pvc') {
        expect(cache.persistentVolumeClaim).toEqual({ claimName: `${model.name}-cache` });
        const pvc = named(objects, 'PersistentVolumeClaim', `${model.name}-cache`, 'ai-inference') as unknown as { spec: { accessModes: string[] } };
        expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
      } else {
        expect(cache.emptyDir).toEqual({ sizeLimit: String(model.cache.size) });
      }
    });

    it('probes /health, with a startup budget that grows with the model', () => {
      for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) expect(probe.httpGet.path).toBe('/health');
      expect(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold).toBeGreaterThanOrEqual(startupBudgetSeconds(model));
      expect(startupBudgetSeconds({ ...model, gpuMemoryGiB: model.gpuMemoryGiB * 2 })).toBeGreaterThan(startupBudgetSeconds(model));
    });

    it('drains gracefully and runs as a non-root, read-only container', () => {
      expect(c.lifecycle.preStop.sleep.seconds).toBeLessThan(pod.terminationGracePeriodSeconds);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    });

    it('spreads replicas across zones and keeps one available through disruptions', () => {
      expect(pod.topologySpreadConstraints.map((t) => t.topologyKey)).toContain('topology.kubernetes.io/zone');
      const pdb = named(objects, 'PodDisruptionBudget', model.name, 'ai-inference') as unknown as { spec: { selector: { matchLabels: object }; maxUnavailable: number } };
      expect(pdb.spec.selector.matchLabels).toEqual(d.spec.selector.matchLabels);
      expect(pdb.spec.maxUnavailable).toBe(1);
    });

    it('is exposed by a Service on the engine port, and scraped by a ServiceMonitor', () => {
      const svc = named(objects, 'Service', model.name, 'ai-inference') as unknown as { spec: { ports: { port: number }[]; selector: object } };
      expect(svc.spec.ports.map((p) => p.port)).toEqual([port]);
      expect(svc.spec.selector).toEqual(d.spec.selector.matchLabels);
      const sm = named(objects, 'ServiceMonitor', model.name, 'ai-inference') as unknown as { spec: { endpoints: { port: string; path: string }[] } };
      expect(sm.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '15s' }]);
    });

    it('is scaled by KEDA alone: a ScaledObject on queue depth and GPU utilization, and no replicas on the Deployment', () => {
      expect(d.spec.replicas).toBeUndefined();
      const so = named(objects, 'ScaledObject', model.name, 'ai-inference') as unknown as { spec: Record<string, any> };
      expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: model.name });
      expect([so.spec.minReplicaCount, so.spec.maxReplicaCount]).toEqual([model.minReplicas, model.maxReplicas]);
      expect(so.spec.fallback).toEqual({ failureThreshold: 3, replicas: model.minReplicas });
      const gpu = so.spec.triggers.find((t: { name: string }) => t.name === 'gpu-utilization');
      expect(gpu.metadata).toMatchObject({ threshold: '70', activationThreshold: '50' });
      expect(gpu.metadata.query).toContain('DCGM_FI_DEV_GPU_UTIL');
      const queue = so.spec.triggers.find((t: { name: string }) => t.name === 'queue-depth');
      expect(queue.metadata.query).toContain(model.engine === 'vllm' ? 'vllm:num_requests_waiting' : 'tgi_queue_size');
      const behavior = so.spec.advanced.horizontalPodAutoscalerConfig.behavior;
      expect(behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 25, periodSeconds: 60 }] });
      expect(behavior.scaleUp.selectPolicy).toBe('Max');
      expect(behavior.scaleUp.policies).toEqual([{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }]);
      expect(ofKind(objectsOf(charts), 'HorizontalPodAutoscaler')).toEqual([]);
    });

    it('runs its canary, when it has one, as one fixed replica of the canary image behind its own Service', () => {
      const canary = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === `${model.name}-canary`) as unknown as Deployment | undefined;
      if (!model.canary) {
        expect(canary).toBeUndefined();
        return;
      }
      expect(canary!.spec.replicas).toBe(1);
      expect(canary!.spec.template.spec.containers[0].image).toBe(model.canary.image);
      expect(canary!.spec.selector.matchLabels).not.toEqual(d.spec.selector.matchLabels);
      const svc = named(objects, 'Service', `${model.name}-canary`, 'ai-inference');
      expect(svc.metadata.annotations).toEqual({ 'platform.agentic.io/traffic-weight': String(model.canary.weight) });
      expect(objects.some((o) => o.kind === 'ScaledObject' && o.metadata.name === `${model.name}-canary`)).toBe(false);
    });
  });

  it('installs KEDA, the NVIDIA device plugin and the DCGM exporter from pinned upstream Helm charts', () => {
    const apps = objectsOf(charts, 'argocd');
    for (const [name, chart] of [['keda', 'keda'], ['nvidia-device-plugin', 'nvidia-device-plugin'], ['dcgm-exporter', 'dcgm-exporter']]) {
      const app = named(apps, 'Application', `${envName}-${name}`) as unknown as { spec: { source: { chart: string; targetRevision: string } } };
      expect(app.spec.source.chart).toBe(chart);
      expect(app.spec.source.targetRevision).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('scrapes the DCGM exporter with the pod labels it reports', () => {
    const sm = named(objects, 'ServiceMonitor', 'dcgm-exporter', 'gpu-system') as unknown as { spec: { endpoints: { port: string; honorLabels: boolean }[] } };
    expect(sm.spec.endpoints[0]).toMatchObject({ port: 'metrics', honorLabels: true });
  });
});
