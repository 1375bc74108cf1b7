import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/app.js';
import { AI_GATEWAY_URL } from '../../src/gateway/routing.js';
import { KAGENT_API, KAGENT_NAMESPACE } from '../../src/agents/kagent-names.js';
import { OTLP_GRPC_ENDPOINT, PLATFORM_SECRETS } from '../../src/lib/platform-services.js';
import { modelFromManifests } from '../../src/analysis/model-from-manifests.js';
import { allowedPorts } from '../../src/analysis/reachability.js';
import { everyEnvironment, fixtureEnvironments, objectsOf, ofKind } from '../support/synth.js';

const spec = (o: KubeObject) => o.spec as any;
const isKagent = (o: KubeObject) => o.apiVersion.startsWith(`${KAGENT_API}/`);

describe.each(everyEnvironment())('agent layer in $env ($source)', ({ source, charts }) => {
  const objects = objectsOf(charts);
  const agents = ofKind(objects, 'Agent');
  if (source === 'fixture') {
    it('has agents, tools and model configs to check', () => {
      expect(agents.length).toBeGreaterThan(0);
      expect(ofKind(objects, 'MCPServer').length + ofKind(objects, 'RemoteMCPServer').length).toBeGreaterThan(0);
    });
  }

  it('points every ModelConfig at the AI gateway and nowhere else, with a key by Secret reference', () => {
    for (const c of ofKind(objects, 'ModelConfig')) {
      const { provider, openAI, apiKeySecret, apiKeySecretKey, ...rest } = spec(c);
      expect({ provider, baseUrl: openAI?.baseUrl, keyBySecret: Boolean(apiKeySecret && apiKeySecretKey) }).toEqual({ provider: 'OpenAI', baseUrl: AI_GATEWAY_URL, keyBySecret: true });
      expect(Object.keys(rest)).toEqual(['model']);
    }
  });

  it('keeps every kagent reference in the referencing object\'s namespace, and lets no other namespace use an agent or tool', () => {
    for (const a of agents) {
      expect(spec(a).allowedNamespaces).toEqual({ from: 'Same' });
      for (const t of spec(a).declarative.tools ?? []) {
        const ref = t.mcpServer ?? t.agent;
        expect(ref.namespace ?? a.metadata.namespace, `${a.metadata.namespace}/${a.metadata.name} -> ${ref.name}`).toBe(a.metadata.namespace);
      }
    }
    for (const r of ofKind(objects, 'RemoteMCPServer')) expect(spec(r).allowedNamespaces).toEqual({ from: 'Same' });
  });

  it('leaves every Agent\'s replica count to its ScaledObject, which targets the Deployment kagent creates', () => {
    for (const a of agents) {
      expect(spec(a).declarative.deployment?.replicas, `${a.metadata.name}`).toBeUndefined();
      const scaler = ofKind(objects, 'ScaledObject').find((s) => s.metadata.namespace === a.metadata.namespace && s.metadata.name === a.metadata.name);
      expect(scaler && spec(scaler).scaleTargetRef, `${a.metadata.namespace}/${a.metadata.name}`).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: a.metadata.name });
    }
  });

  it('never turns on kagent\'s in-pod code execution, which runs the agent privileged', () => {
    for (const a of agents) expect(spec(a).declarative.executeCodeBlocks).toBeUndefined();
  });

  it('keeps agent pods from reaching anything but their namespace, the AI gateway, ai-data, observability, the kagent API, DNS (and istiod with the mesh)', () => {
    const model = modelFromManifests(objects);
    // istio-system: with the mesh on, each pod's sidecar gets its configuration and certificate from istiod.
    const allowed = new Set(['ai-gateway', 'ai-data', 'observability', KAGENT_NAMESPACE, 'kube-system', 'istio-system']);
    for (const a of agents) {
      const src = model.pods.find((p) => p.namespace === a.metadata.namespace && p.name === a.metadata.name)!;
      for (const dst of model.pods.filter((p) => p.namespace !== src.namespace && !allowed.has(p.namespace))) {
        expect(allowedPorts(model, { kind: 'pod', pod: src }, { kind: 'pod', pod: dst }).toString(), `${src.namespace}/${src.name} -> ${dst.namespace}/${dst.name}`).toBe('none');
      }
      for (const ext of model.externals) {
        expect(allowedPorts(model, { kind: 'pod', pod: src }, { kind: 'external', external: ext }).toString(), `${src.name} -> ${ext.name}`).toBe('none');
      }
    }
  });
});

describe.each(fixtureEnvironments())('kagent installation in $env (fixture)', ({ charts }) => {
  const apps = ofKind(objectsOf(charts, 'argocd'), 'Application');
  const app = (name: string) => apps.find((a) => (a.metadata.labels ?? {})['platform.agentic.io/addon'] === name && !(spec(a).destination.server ?? '').includes('dedicated'))!;
  const values = () => spec(app('kagent')).source.helm.valuesObject;

  it('pins kagent-crds and kagent to 0.9.12, the CRDs a wave earlier', () => {
    expect(spec(app('kagent-crds')).source.targetRevision).toBe('0.9.12');
    expect(spec(app('kagent')).source.targetRevision).toBe('0.9.12');
    const wave = (a: KubeObject) => Number(a.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    expect(wave(app('kagent-crds'))).toBeLessThan(wave(app('kagent')));
  });

  it('watches only ai-agents and the tenant namespaces with agents, with a Role in each instead of a ClusterRole', () => {
    const tenantsWithAgents = [...new Set(ofKind(objectsOf(charts), 'Agent').map((a) => a.metadata.namespace!))];
    const expected = [KAGENT_NAMESPACE, ...tenantsWithAgents].sort();
    expect(values().rbac.namespaces).toEqual(expected);
    expect(values().controller.watchNamespaces).toEqual(expected);
  });

  it('keeps its database on an external Postgres from a Secret, never the bundled one', () => {
    expect(values().database.postgres).toMatchObject({ url: '', urlFile: '/etc/kagent/database/url', bundled: { enabled: false } });
    expect(values().controller.volumes).toEqual([{ name: 'database', secret: { secretName: PLATFORM_SECRETS.kagentDatabase } }]);
  });

  it('sends traces to the collector and turns off the bundled demo agents, tool servers and the OIDC proxy', () => {
    expect(values().otel.tracing).toMatchObject({ enabled: true, exporter: { otlp: { endpoint: OTLP_GRPC_ENDPOINT } } });
    for (const key of ['k8s-agent', 'kgateway-agent', 'istio-agent', 'promql-agent', 'observability-agent', 'argo-rollouts-agent', 'helm-agent', 'cilium-policy-agent', 'cilium-manager-agent', 'cilium-debug-agent', 'kagent-tools', 'grafana-mcp', 'querydoc']) {
      expect(values()[key], key).toEqual({ enabled: false });
    }
    expect(values().providers.openAI.config).toEqual({ baseUrl: AI_GATEWAY_URL });
    expect(values().providers.openAI.apiKey).toBeUndefined();
  });

  it('leaves the kagent UI unexposed: a ClusterIP Service that no route or Ingress names', () => {
    expect(values().ui.service.type).toBe('ClusterIP');
    const routes = objectsOf(charts).filter((o) => ['HTTPRoute', 'Ingress', 'GRPCRoute'].includes(o.kind));
    for (const r of routes) expect(JSON.stringify(r.spec)).not.toMatch(/kagent-ui|"namespace":"ai-agents"/);
  });

  it('has no kagent object outside the tenant folders but the add-ons\' own', () => {
    for (const c of charts.filter((x) => !x.id.startsWith('tenant-'))) expect(c.objects.filter(isKagent).map((o) => o.kind), c.id).toEqual([]);
  });
});
