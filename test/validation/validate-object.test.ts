import { describe, expect, it } from 'vitest';
import { validateObject } from '../../src/validation/validate-object.js';
import { crdKinds } from '../../src/validation/crd-validators.js';
import { everyEnvironment, objectsOf } from '../support/synth.js';

const deployment = (containerExtra: Record<string, unknown> = {}, name = 'web') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'ai-agents', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...containerExtra }] } },
  },
});

/** A kagent Agent as kagent v0.9.12 documents it (declarative agent on a ModelConfig). */
const agent = (specExtra: Record<string, unknown> = {}) => ({
  apiVersion: 'kagent.dev/v1alpha2',
  kind: 'Agent',
  metadata: { name: 'support', namespace: 'tenant-a' },
  spec: { type: 'Declarative', description: 'help', declarative: { modelConfig: 'qwen', systemMessage: 'You help.' }, ...specExtra },
});

describe('output validation', () => {
  it('accepts every object synthesized for every environment', () => {
    for (const { env, charts } of everyEnvironment()) {
      for (const obj of objectsOf(charts)) {
        expect({ env, id: `${obj.kind}/${obj.metadata.name}`, problems: validateObject(obj) }).toEqual({ env, id: `${obj.kind}/${obj.metadata.name}`, problems: [] });
      }
    }
  });

  it('accepts a valid core object and a valid custom resource from vendor/crds', () => {
    expect(validateObject(deployment())).toEqual([]);
    expect(validateObject(agent())).toEqual([]);
  });

  it('fails on a wrong type in a core object (kubernetes-models schema)', () => {
    expect(validateObject(deployment({ image: 42 }))).toContain('spec.template.spec.containers.0.image must be string');
  });

  it('fails on an unknown field deep inside a core object', () => {
    expect(validateObject(deployment({ imagee: 'x' }))).toContain(
      'spec.template.spec.containers[0].imagee: unknown field (not in the Kubernetes 1.33 schema of Deployment)',
    );
  });

  it('fails on an unknown field of a custom resource', () => {
    expect(validateObject(agent({ memory: { type: 'redis' } }))).toContain('spec must NOT have additional properties "memory" (unknown field)');
  });

  it('fails on a wrong enum value of a custom resource', () => {
    expect(validateObject(agent({ type: 'Imperative' })).some((p) => p.startsWith('spec.type must be equal to one of the allowed values'))).toBe(true);
  });

  it('fails on an unknown field in the metadata of a custom resource', () => {
    const a = agent();
    expect(validateObject({ ...a, metadata: { ...a.metadata, label: { x: 'y' } } })).toContain('metadata.label: unknown field of ObjectMeta');
  });

  it('fails on names and labels Kubernetes would reject', () => {
    expect(validateObject(deployment({}, 'Web_1'))).toContain('metadata.name "Web_1" is not a DNS-1123 subdomain');
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a.b', namespace: 'x' }, spec: { ports: [{ port: 80 }] } };
    expect(validateObject(svc)).toContain('metadata.name "a.b" is not a DNS-1123 label (lowercase letters, digits, "-"; alphanumeric at both ends)');
    const d = deployment();
    const badLabels = { ...d, metadata: { ...d.metadata, labels: { 'bad key!': 'v', ok: 'has space' } } };
    expect(validateObject(badLabels)).toEqual(
      expect.arrayContaining(['metadata.labels key "bad key!" is not a qualified name', 'metadata.labels["ok"] label value "has space" is invalid (at most 63 alphanumerics, "-", "_", ".")']),
    );
  });

  it('fails on an object of a kind that has no schema', () => {
    const tool = { apiVersion: 'kagent.dev/v1alpha1', kind: 'Tool', metadata: { name: 'web-search', namespace: 'ai-agents' }, spec: {} };
    expect(validateObject(tool)).toEqual([
      'no schema for kagent.dev/v1alpha1/Tool: add its CRD to the validators (see README, "Validation") or use a supported apiVersion',
    ]);
  });

  it('fails on a namespaced object without a namespace and a cluster-scoped one with a namespace', () => {
    const d = deployment();
    expect(validateObject({ ...d, metadata: { name: 'web' } })).toContain('metadata.namespace is missing; Deployment is namespaced');
    expect(validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', namespace: 'y' } })).toContain(
      'metadata.namespace must not be set; Namespace is cluster-scoped',
    );
  });

  it('validates CRD kinds covered by @kubernetes-models packages (Karpenter NodePool)', () => {
    const pool = {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'gpu' },
      spec: { template: { spec: { requirements: 'all', nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu' } } } },
    };
    expect(validateObject(pool)).toContain('spec.template.spec.requirements must be array');
  });

  it('fails on an unknown field of a CRD kind covered by @kubernetes-models (from the generated field schemas)', () => {
    const pool = {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'gpu' },
      spec: { template: { spec: { requirements: [], nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu' }, taint: [] } } },
    };
    expect(validateObject(pool)).toEqual(['spec.template.spec must NOT have additional properties "taint" (unknown field)']);
    const scaled = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'm', namespace: 'ai-inference' }, spec: { scaleTargetRef: { name: 'm' }, triggers: [], minReplicas: 1 } };
    expect(validateObject(scaled)).toEqual(['spec must NOT have additional properties "minReplicas" (unknown field)']);
  });

  it('keeps free-form fields free: Helm values in an Argo CD Application are not checked field by field', () => {
    const app = {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'x', namespace: 'argocd' },
      spec: { project: 'p', destination: { server: 'https://kubernetes.default.svc' }, source: { repoURL: 'https://charts.example', chart: 'c', targetRevision: '1.0.0', helm: { valuesObject: { anything: { goes: 1 } } } } },
    };
    expect(validateObject(app)).toEqual([]);
  });

  it('has a generated field schema for every @kubernetes-models CRD kind the platform emits', () => {
    for (const { charts } of everyEnvironment()) {
      for (const o of objectsOf(charts)) {
        if (!o.apiVersion.includes('/') || crdKinds().includes(`${o.apiVersion}/${o.kind}`)) continue;
        expect(validateObject(o).filter((p) => p.startsWith('no field schema'))).toEqual([]);
      }
    }
  });

  it('has a generated schema for every kind of every CRD file in vendor/crds', () => {
    expect(crdKinds()).toEqual(
      expect.arrayContaining(['kagent.dev/v1alpha2/Agent', 'kagent.dev/v1alpha2/ModelConfig', 'kagent.dev/v1alpha2/RemoteMCPServer', 'kagent.dev/v1alpha1/MCPServer',
        'gateway.kgateway.dev/v1alpha1/TrafficPolicy', 'agentgateway.dev/v1alpha1/AgentgatewayPolicy', 'inference.networking.k8s.io/v1/InferencePool']),
    );
  });
});
