import { describe, expect, it } from 'vitest';
import { modelFromManifests } from '../../src/analysis/model-from-manifests.js';
import { namespaceReach } from '../../src/analysis/matrix.js';
import { MODEL_SERVING_PORTS, PORTS } from '../../src/lib/ports.js';
import { everyEnvironment, objectsOf } from '../support/synth.js';
import { allowedPorts } from '../../src/analysis/reachability.js';
import { PortSet } from '../../src/analysis/port-set.js';

describe.each(everyEnvironment())('reachability in $env ($source), proven from the synthesized NetworkPolicies', ({ source, charts }) => {
  const model = modelFromManifests(objectsOf(charts));
  const namespaces = model.namespaces.map((n) => n.name).filter((n) => n !== 'kube-system');
  const tenants = namespaces.filter((n) => n.startsWith('tenant-'));
  const reach = (from: string, to: string) => namespaceReach(model, from, to);
  const tenantPods = (ns: string) => model.pods.filter((p) => p.namespace === ns).map((pod) => ({ kind: 'pod', pod }) as const);

  // The fixture must exercise every check below; the repository's own inputs may have no tenant at all.
  if (source === 'fixture') {
    it('has tenants to check', () => {
      expect(tenants.length).toBeGreaterThan(0);
    });
  }

  it('allows no connection from any tenant to any other tenant, on any port', () => {
    for (const a of tenants) for (const b of tenants) if (a !== b) expect(`${a} -> ${b}: ${reach(a, b)}`).toBe(`${a} -> ${b}: none`);
  });

  it('gives no tenant any path to ai-inference: models are reached only through the AI gateway', () => {
    for (const t of tenants) expect(`${t} -> ai-inference: ${reach(t, 'ai-inference')}`).toBe(`${t} -> ai-inference: none`);
  });

  it('lets no tenant pod reach any model server pod, on any port', () => {
    const servers = model.pods.filter((p) => p.namespace === 'ai-inference' && p.labels['platform.agentic.io/model']);
    if (source === 'fixture') expect(servers.length).toBeGreaterThan(0);
    for (const t of tenants) {
      for (const server of servers) {
        const ports = tenantPods(t).reduce((acc, src) => acc.union(allowedPorts(model, src, { kind: 'pod', pod: server })), PortSet.EMPTY);
        expect(`${t} -> ${server.name}: ${ports}`).toBe(`${t} -> ${server.name}: none`);
      }
    }
  });

  it('lets tenants and ai-agents reach ai-gateway on the AI gateway port only', () => {
    for (const n of [...tenants, 'ai-agents']) expect(`${n}: ${reach(n, 'ai-gateway')}`).toBe(`${n}: TCP ${PORTS.aiGateway}`);
  });

  it('lets only ai-gateway (and Prometheus) reach ai-inference: the serving ports and the endpoint pickers', () => {
    expect(reach('ai-gateway', 'ai-inference').toString()).toBe(`TCP ${[...MODEL_SERVING_PORTS, PORTS.endpointPicker].sort((x, y) => x - y).join(', ')}`);
    for (const n of namespaces.filter((x) => !['ai-gateway', 'ai-inference', 'observability'].includes(x))) {
      expect(`${n} -> ai-inference: ${reach(n, 'ai-inference')}`).toBe(`${n} -> ai-inference: none`);
    }
  });

  it('lets tenants reach ai-data on Milvus and Redis only, and observability on OTLP only', () => {
    for (const t of tenants) {
      expect(reach(t, 'ai-data').toString()).toBe('TCP 6379, 19530');
      expect(reach(t, 'observability').toString()).toBe('TCP 4317-4318');
    }
  });

  it('accepts traffic into a tenant only from its own namespace, ai-gateway and Prometheus (metrics ports only)', () => {
    // With the mesh on, Prometheus also scrapes the sidecars' merged metrics (15020).
    const meshed = namespaces.includes('istio-system');
    for (const t of tenants) {
      const sources = namespaces.filter((n) => !reach(n, t).isEmpty());
      expect(sources.sort()).toEqual(['ai-gateway', 'observability', t].sort());
      expect(reach('observability', t).toString()).toBe(meshed ? 'TCP 8080, 15020' : 'TCP 8080');
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

  it('lets the design\'s request flow through: gateway -> agents -> AI gateway -> inference, agents -> data, everything -> observability', () => {
    expect(reach('ai-gateway', 'ai-agents').has('TCP', 8080)).toBe(true);
    expect(reach('ai-agents', 'ai-gateway').has('TCP', PORTS.aiGateway)).toBe(true);
    expect(reach('ai-gateway', 'ai-inference').has('TCP', 8000)).toBe(true);
    expect(reach('ai-gateway', 'ai-inference').has('TCP', 8080)).toBe(true);
    expect(reach('ai-agents', 'ai-data').has('TCP', 19530)).toBe(true);
    expect(reach('ai-agents', 'ai-data').has('TCP', 6379)).toBe(true);
    for (const t of tenants) expect(reach('ai-gateway', t).has('TCP', 8080)).toBe(true);
    // gpu-system and istio-cni only hold node agents, and istio-system only istiod: Prometheus scrapes them; they send nothing.
    const silent = ['observability', 'gpu-system', 'istio-system', 'istio-cni'];
    for (const n of namespaces.filter((x) => !silent.includes(x))) expect(reach(n, 'observability').has('TCP', 4317), n).toBe(true);
    if (namespaces.includes('gpu-system')) expect(reach('observability', 'gpu-system').toString()).toBe('TCP 9400');
  });

  it('keeps platform namespaces from reaching into tenants, except the gateway and Prometheus', () => {
    for (const n of namespaces.filter((x) => !x.startsWith('tenant-') && x !== 'ai-gateway' && x !== 'observability')) {
      for (const t of tenants) expect(reach(n, t).isEmpty(), `${n} -> ${t}`).toBe(true);
    }
  });
});
