import { describe, expect, it } from 'vitest';
import { everyEnvironment, fixtureEnvironments, fixtureInput, named, objectsOf, ofKind, repoInput } from '../support/synth.js';
import { PLATFORM_NAMESPACES } from '../../src/lib/names.js';

interface NetworkPolicy {
  spec: {
    podSelector: Record<string, unknown>;
    policyTypes: string[];
    ingress?: { from?: Record<string, unknown>[]; ports?: { port: number; protocol: string }[] }[];
    egress?: { to?: Record<string, unknown>[]; ports?: { port: number; protocol: string }[] }[];
  };
}

describe.each(everyEnvironment())('platform base of $env ($source)', ({ source, env, charts }) => {
  const objects = objectsOf(charts, 'platform');
  const environment = (source === 'fixture' ? fixtureInput() : repoInput()).environments.find((e) => e.name === env)!;

  it('creates the five namespaces of the design', () => {
    expect(ofKind(objects, 'Namespace').map((n) => n.metadata.name).sort()).toEqual(
      ['ai-agents', 'ai-data', 'ai-gateway', 'ai-inference', 'observability'],
    );
  });

  it('sets Pod Security enforce as the design says, baseline instead of privileged for ai-inference, and restricted audit/warn', () => {
    const enforce = Object.fromEntries(ofKind(objects, 'Namespace').map((n) => [n.metadata.name, n.metadata.labels!['pod-security.kubernetes.io/enforce']]));
    expect(enforce).toEqual({ 'ai-gateway': 'restricted', 'ai-agents': 'baseline', 'ai-inference': 'baseline', 'ai-data': 'baseline', observability: 'baseline' });
    for (const ns of ofKind(objects, 'Namespace')) {
      expect(ns.metadata.labels!['pod-security.kubernetes.io/audit']).toBe('restricted');
      expect(ns.metadata.labels!['pod-security.kubernetes.io/warn']).toBe('restricted');
    }
  });

  it('labels gateway and agents for sidecar injection exactly when the environment enables the mesh', () => {
    const injected = ofKind(objects, 'Namespace').filter((n) => n.metadata.labels!['istio-injection'] === 'enabled').map((n) => n.metadata.name).sort();
    expect(injected).toEqual(environment.mesh.istio ? ['ai-agents', 'ai-gateway'] : []);
  });

  it('gives ai-inference the default GPU toleration annotation', () => {
    const ns = named(objects, 'Namespace', 'ai-inference');
    expect(JSON.parse(ns.metadata.annotations!['scheduler.alpha.kubernetes.io/defaultTolerations'])).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists' }]);
  });

  it('quotas every platform namespace from the environment file, GPUs as requests.nvidia.com/gpu', () => {
    for (const ns of PLATFORM_NAMESPACES) {
      const quota = named(objects, 'ResourceQuota', `${ns}-quota`, ns) as unknown as { spec: { hard: Record<string, string> } };
      const declared = environment.quotas[ns];
      expect(quota.spec.hard['requests.cpu']).toBe(String(declared.requestsCpu));
      expect(quota.spec.hard['limits.memory']).toBe(String(declared.limitsMemory));
      expect(Object.keys(quota.spec.hard)).not.toContain('nvidia.com/gpu'); // not enforced by Kubernetes
      if (declared.gpus !== undefined) expect(quota.spec.hard['requests.nvidia.com/gpu']).toBe(String(declared.gpus));
    }
  });

  it('gives every platform namespace a LimitRange with container defaults, so pods without requests still count', () => {
    for (const ns of PLATFORM_NAMESPACES) {
      const lr = named(objects, 'LimitRange', `${ns}-limits`, ns) as unknown as { spec: { limits: { type: string; defaultRequest: object; default: object }[] } };
      expect(lr.spec.limits[0].type).toBe('Container');
      expect(lr.spec.limits[0].defaultRequest).toEqual({ cpu: String(environment.containerDefaults.defaultRequestCpu), memory: environment.containerDefaults.defaultRequestMemory });
      expect(lr.spec.limits[0].default).toHaveProperty('cpu');
    }
  });

  it('denies all ingress and egress by default in every platform namespace', () => {
    for (const ns of PLATFORM_NAMESPACES) {
      const p = named(objects, 'NetworkPolicy', `${ns}-default-deny`, ns) as unknown as NetworkPolicy;
      expect(p.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    }
  });

  it('allows DNS to CoreDNS in kube-system over UDP and TCP 53 from every platform namespace', () => {
    for (const ns of PLATFORM_NAMESPACES) {
      const p = named(objects, 'NetworkPolicy', `${ns}-allow-dns`, ns) as unknown as NetworkPolicy;
      expect(p.spec.policyTypes).toEqual(['Egress']);
      expect(p.spec.egress).toEqual([
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        },
      ]);
    }
  });

  it('selects namespaces only by kubernetes.io/metadata.name or the platform tenant label, never a hand-made "name" label', () => {
    const selectors: { matchLabels?: Record<string, string>; matchExpressions?: { key: string }[] }[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'namespaceSelector') selectors.push(v as (typeof selectors)[number]);
          else collect(v);
        }
      }
    };
    collect(ofKind(objects, 'NetworkPolicy').map((p) => p.spec));
    expect(selectors.length).toBeGreaterThan(0);
    for (const sel of selectors) {
      const keys = [...Object.keys(sel.matchLabels ?? {}), ...(sel.matchExpressions ?? []).map((e) => e.key)];
      expect(keys.length).toBeGreaterThan(0); // an empty selector would select every namespace
      for (const key of keys) expect(['kubernetes.io/metadata.name', 'platform.agentic.io/tenant']).toContain(key);
    }
  });

  it('puts the common labels on every object', () => {
    for (const o of objectsOf(charts)) {
      expect(o.metadata.labels).toMatchObject({
        'app.kubernetes.io/part-of': 'agentic-platform',
        'app.kubernetes.io/managed-by': 'agentic-platform-gitops',
        'platform.agentic.io/environment': env,
      });
      expect(o.metadata.labels!['platform.agentic.io/layer']).toMatch(/^(base|gateway|agents|inference|data|observability|mesh|argocd|tenant)$/);
    }
  });

  it('has no name that ends in a cdk8s hash', () => {
    for (const o of objectsOf(charts)) expect(o.metadata.name).not.toMatch(/-[0-9a-f]{8}$/);
  });

  it('gives every workload an explicit, stable selector: no cdk8s address labels, no hashes, no versions', () => {
    const workloads = objectsOf(charts).filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind));
    expect(workloads.length).toBeGreaterThan(0);
    for (const w of workloads as unknown as { metadata: { name: string }; spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } } }[]) {
      const selector = w.spec.selector.matchLabels;
      expect(Object.keys(selector).length, w.metadata.name).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(selector)) {
        expect(k).not.toMatch(/^cdk8s\.io\//);
        expect(k).not.toBe('app.kubernetes.io/version');
        expect(v).not.toMatch(/[0-9a-f]{8}$/);
        expect(w.spec.template.metadata.labels[k]).toBe(v); // the template carries what the selector selects
      }
    }
  });
});

describe('prod sizing', () => {
  it('uses the design numbers for ai-inference and ai-agents', () => {
    const prod = fixtureEnvironments().find((e) => e.env === 'prod')!;
    const objects = objectsOf(prod.charts, 'platform');
    expect((named(objects, 'ResourceQuota', 'ai-inference-quota') as unknown as { spec: { hard: object } }).spec.hard).toEqual({
      'requests.cpu': '100', 'requests.memory': '500Gi', 'limits.cpu': '200', 'limits.memory': '1Ti', 'requests.nvidia.com/gpu': '32', persistentvolumeclaims: '50',
    });
    expect((named(objects, 'ResourceQuota', 'ai-agents-quota') as unknown as { spec: { hard: object } }).spec.hard).toEqual({
      'requests.cpu': '50', 'requests.memory': '100Gi', 'limits.cpu': '100', 'limits.memory': '200Gi', pods: '200',
    });
  });
});
