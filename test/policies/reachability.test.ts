import { describe, expect, it } from 'vitest';
import { modelFromManifests } from '../../src/analysis/model-from-manifests.js';
import { namespaceReach } from '../../src/analysis/matrix.js';
import { MODEL_SERVING_PORTS } from '../../src/lib/ports.js';
import { allEnvironments, objectsOf, repoInput } from '../support/synth.js';
import { allowedPorts } from '../../src/analysis/reachability.js';
import { PortSet } from '../../src/analysis/port-set.js';

describe.each(allEnvironments())('reachability in $env, proven from the synthesized NetworkPolicies', ({ charts }) => {
  const model = modelFromManifests(objectsOf(charts));
  const namespaces = model.namespaces.map((n) => n.name).filter((n) => n !== 'kube-system');
  const tenants = namespaces.filter((n) => n.startsWith('tenant-'));
  const reach = (from: string, to: string) => namespaceReach(model, from, to);
  const tenantPods = (ns: string) => model.pods.filter((p) => p.namespace === ns).map((pod) => ({ kind: 'pod', pod }) as const);

  it('has tenants to check', () => {
    expect(tenants.length).toBeGreaterThan(0);
  });

  it('allows no connection from any tenant to any other tenant, on any port', () => {
    for (const a of tenants) for (const b of tenants) if (a !== b) expect(`${a} -> ${b}: ${reach(a, b)}`).toBe(`${a} -> ${b}: none`);
  });

  it('lets tenants reach ai-inference on the model-serving ports only', () => {
    for (const t of tenants) expect(reach(t, 'ai-inference').toString()).toBe(`TCP ${[...MODEL_SERVING_PORTS].sort((x, y) => x - y).join(', ')}`);
  });

  it('lets a tenant reach the servers of the models its file allows, and no other model server', () => {
    const input = repoInput();
    const servers = model.pods.filter((p) => p.namespace === 'ai-inference' && p.labels['platform.agentic.io/model']);
    expect(servers.length).toBeGreaterThan(0);
    for (const t of tenants) {
      const allowed = input.tenants.find((x) => `tenant-${x.name}` === t)!.models;
      for (const server of servers) {
        const ports = tenantPods(t).reduce((acc, src) => acc.union(allowedPorts(model, src, { kind: 'pod', pod: server })), PortSet.EMPTY);
        const expected = allowed.includes(server.labels['platform.agentic.io/model']) ? 'TCP 8000, 8080' : 'none';
        expect(`${t} -> ${server.name}: ${ports}`).toBe(`${t} -> ${server.name}: ${expected}`);
      }
    }
  });

  it('lets tenants reach ai-data on Milvus and Redis only, and observability on OTLP only', () => {
    for (const t of tenants) {
      expect(reach(t, 'ai-data').toString()).toBe('TCP 6379, 19530');
      expect(reach(t, 'observability').toString()).toBe('TCP 4317-4318');
    }
  });

  it('accepts traffic into a tenant only from its own namespace and ai-gateway', () => {
    for (const t of tenants) {
      const sources = namespaces.filter((n) => !reach(n, t).isEmpty());
      expect(sources.sort()).toEqual(['ai-gateway', t].sort());
    }
  });

  it('keeps tenants off the internet and off private VPC addresses', () => {
    for (const t of tenants) {
      expect(reach(t, 'internet').isEmpty()).toBe(true);
      expect(reach(t, 'vpc').isEmpty()).toBe(true);
    }
  });

  it('lets every namespace resolve names through CoreDNS over UDP and TCP 53', () => {
    for (const n of namespaces) {
      const dns = reach(n, 'kube-system');
      expect(dns.has('UDP', 53) && dns.has('TCP', 53), n).toBe(true);
    }
  });

  it('lets the design\'s request flow through: gateway -> agents -> inference, agents -> data, everything -> observability', () => {
    expect(reach('ai-gateway', 'ai-agents').has('TCP', 8080)).toBe(true);
    expect(reach('ai-agents', 'ai-inference').has('TCP', 8000)).toBe(true);
    expect(reach('ai-agents', 'ai-inference').has('TCP', 8080)).toBe(true);
    expect(reach('ai-agents', 'ai-data').has('TCP', 19530)).toBe(true);
    expect(reach('ai-agents', 'ai-data').has('TCP', 6379)).toBe(true);
    for (const t of tenants) expect(reach('ai-gateway', t).has('TCP', 8080)).toBe(true);
    // gpu-system and istio-cni only hold node agents, and istio-system only istiod: Prometheus scrapes them; they send nothing.
    const silent = ['observability', 'gpu-system', 'istio-system', 'istio-cni'];
    for (const n of namespaces.filter((x) => !silent.includes(x))) expect(reach(n, 'observability').has('TCP', 4317), n).toBe(true);
    if (namespaces.includes('gpu-system')) expect(reach('observability', 'gpu-system').toString()).toBe('TCP 9400');
  });

  it('keeps platform namespaces from reaching into tenants, except the gateway', () => {
    for (const n of namespaces.filter((x) => !x.startsWith('tenant-') && x !== 'ai-gateway')) {
      for (const t of tenants) expect(reach(n, t).isEmpty(), `${n} -> ${t}`).toBe(true);
    }
  });
});
