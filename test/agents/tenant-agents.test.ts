import { describe, expect, it } from 'vitest';
import { synthesizeEnvironment, type KubeObject } from '../../src/app.js';
import { AI_GATEWAY_URL } from '../../src/gateway/routing.js';
import { AGENT_PORT, KAGENT_API, MCP_SERVER_PORT } from '../../src/agents/kagent-names.js';
import { SANDBOX_LABEL } from '../../src/agents/tenant-agents.js';
import { MILVUS_ADDRESS, TENANT_SECRETS } from '../../src/lib/platform-services.js';
import { validateObject } from '../../src/validation/validate-object.js';
import { modelFromManifests } from '../../src/analysis/model-from-manifests.js';
import { allowedPorts } from '../../src/analysis/reachability.js';
import { PORTS } from '../../src/lib/ports.js';
import { labInput } from '../support/gateway-fixture.js';
import { withUmbrella } from '../support/agent-fixture.js';
import { named, objectsOf, ofKind } from '../support/synth.js';

// GIVEN the gateway lab with tenant umbrella (see test/support/agent-fixture.ts)
const input = labInput(withUmbrella());
const charts = synthesizeEnvironment(input, input.environments[0]);
const all = objectsOf(charts);
const umbrella = objectsOf(charts, 'tenant-umbrella');
const NS = 'tenant-umbrella';
const spec = (o: KubeObject) => o.spec as any;
const toolRefs = (agent: string) => spec(named(umbrella, 'Agent', agent)).declarative.tools.map((t: any) => t.mcpServer);

describe('a tenant\'s agents, tools and knowledge bases as kagent objects', () => {
  it('gives each model an agent uses one ModelConfig, OpenAI-compatible at the AI gateway with the tenant\'s key Secret', () => {
    const configs = ofKind(umbrella, 'ModelConfig');
    expect(configs.map((c) => c.metadata.name).sort()).toEqual(['model-alpha', 'model-gamma']);
    for (const c of configs) {
      expect(spec(c)).toEqual({
        provider: 'OpenAI',
        model: c.metadata.name.replace('model-', ''),
        apiKeySecret: TENANT_SECRETS.llmApiKey,
        apiKeySecretKey: 'api-key',
        openAI: { baseUrl: AI_GATEWAY_URL },
      });
    }
    expect(spec(named(umbrella, 'Agent', 'support')).declarative.modelConfig).toBe('model-alpha');
  });

  it('makes an api tool a RemoteMCPServer usable only in its namespace, its Secret sent as a header', () => {
    expect(spec(named(umbrella, 'RemoteMCPServer', 'tickets'))).toMatchObject({
      url: 'http://tickets.tenant-umbrella.svc.cluster.local:8080/mcp',
      headersFrom: [{ name: 'Authorization', valueFrom: { type: 'Secret', name: 'tickets-token', key: 'authorization' } }],
      allowedNamespaces: { from: 'Same' },
    });
  });

  it('asks a human before the tools named in requireApproval, and only those', () => {
    const tickets = toolRefs('support').find((t: any) => t.name === 'tickets');
    expect(tickets).toEqual({
      apiGroup: KAGENT_API,
      kind: 'RemoteMCPServer',
      name: 'tickets',
      namespace: NS,
      toolNames: ['search_tickets', 'create_ticket'],
      requireApproval: ['create_ticket'],
    });
    for (const t of [...toolRefs('support'), ...toolRefs('analyst')].filter((x: any) => x.name !== 'tickets')) expect(t.requireApproval).toBeUndefined();
  });

  it('searches each knowledge base an agent uses through its own MCPServer, with the tenant\'s Milvus database, credentials and topK', () => {
    const docs = spec(named(umbrella, 'MCPServer', 'kb-docs'));
    expect(docs.deployment.env).toMatchObject({
      MILVUS_ADDRESS,
      MILVUS_DATABASE: 'tenant_umbrella',
      MILVUS_COLLECTION: 'docs',
      TOP_K: '8',
      EMBEDDING_BASE_URL: AI_GATEWAY_URL,
      EMBEDDING_MODEL: 'gamma',
    });
    expect(docs.deployment.secretRefs).toEqual([{ name: TENANT_SECRETS.milvus }, { name: TENANT_SECRETS.llmApiKey }]);
    expect(docs.httpTransport).toEqual({ targetPort: MCP_SERVER_PORT, path: '/mcp' });
    // faq is listed under the agent's knowledgeBases, without a retrieval tool: it gets a server (default topK) too.
    expect(spec(named(umbrella, 'MCPServer', 'kb-faq')).deployment.env.TOP_K).toBe('5');
    expect(toolRefs('support').map((t: any) => `${t.kind}/${t.name}`)).toEqual(['MCPServer/kb-docs', 'RemoteMCPServer/tickets', 'MCPServer/kb-faq']);
  });

  it('keeps every tool reference inside the tenant namespace, and every agent callable as a tool only from it', () => {
    for (const agent of ofKind(umbrella, 'Agent')) {
      expect(spec(agent).allowedNamespaces).toEqual({ from: 'Same' });
      for (const ref of toolRefs(agent.metadata.name)) {
        expect(ref.namespace).toBe(NS);
        expect(umbrella.some((o) => o.kind === ref.kind && o.metadata.name === ref.name && o.metadata.namespace === NS), `${ref.kind}/${ref.name}`).toBe(true);
      }
    }
  });

  it('runs a code tool as a sandboxed MCPServer: restricted, read-only root, labelled for its NetworkPolicy', () => {
    const python = spec(named(umbrella, 'MCPServer', 'python'));
    expect(python.deployment.labels[SANDBOX_LABEL]).toBe('code');
    expect(python.deployment.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
    expect(python.deployment.podSecurityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec(named(umbrella, 'Agent', 'analyst')).declarative.executeCodeBlocks).toBeUndefined();
  });

  it('fits every agent pod for Pod Security "restricted", with requests, limits and the tenant\'s cost labels', () => {
    for (const agent of ofKind(umbrella, 'Agent')) {
      const d = spec(agent).declarative.deployment;
      expect(d.podSecurityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(d.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(d.resources.requests).toBeDefined();
      expect(d.resources.limits).toBeDefined();
      expect(d.labels).toEqual({ 'platform.agentic.io/tenant': 'umbrella' });
      expect(d.serviceAccountConfig).toEqual({ labels: { 'platform.agentic.io/tenant': 'umbrella' } });
    }
  });

  it('publishes the file\'s A2A skills, or one from the description when it declares none', () => {
    expect(spec(named(umbrella, 'Agent', 'support')).declarative.a2aConfig.skills).toEqual([{ id: 'answer', name: 'Answer', examples: ['Where is my order?'] }]);
    expect(spec(named(umbrella, 'Agent', 'analyst')).declarative.a2aConfig.skills).toEqual([{ id: 'analyst', name: 'analyst', description: 'analyse' }]);
  });

  it('scales each agent with KEDA on the Deployment kagent creates, and leaves the Agent\'s replica count unset', () => {
    const agent = spec(named(umbrella, 'Agent', 'support'));
    expect(agent.declarative.deployment).not.toHaveProperty('replicas');
    const scaler = spec(named(umbrella, 'ScaledObject', 'support'));
    expect(scaler.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'support' });
    expect([scaler.minReplicaCount, scaler.maxReplicaCount]).toEqual([2, 6]);
    expect(scaler.triggers).toEqual([{ type: 'cpu', name: 'cpu', metricType: 'Utilization', metadata: { value: '60' } }]);
  });

  it('routes /tenants/<t>/<agent> to the Service kagent creates for the agent: its name, the agent port', () => {
    const route = ofKind(all, 'HTTPRoute').find((r) => r.metadata.name === 'tenant-acme')!;
    const backends = (route.spec as any).rules.flatMap((r: any) => r.backendRefs);
    expect(backends).toContainEqual({ group: '', kind: 'Service', name: 'support', namespace: 'tenant-acme', port: AGENT_PORT });
    expect(named(objectsOf(charts, 'tenant-acme'), 'Agent', 'support')).toBeDefined();
  });

  it('emits nothing for a tenant without agents', () => {
    const initech = objectsOf(charts, 'tenant-initech');
    expect(initech.filter((o) => o.apiVersion.startsWith(`${KAGENT_API}/`) || o.kind === 'ScaledObject')).toEqual([]);
  });

  it('validates every kagent object against the kagent CRDs, and the validator rejects an unknown field', () => {
    for (const o of umbrella.filter((x) => x.apiVersion.startsWith(`${KAGENT_API}/`))) expect(validateObject(o), `${o.kind}/${o.metadata.name}`).toEqual([]);
    const agent = structuredClone(named(umbrella, 'Agent', 'support')) as any;
    agent.spec.declarative.deployment.replicaz = 2;
    expect(validateObject(agent).join('\n')).toMatch(/replicaz/);
  });
});

describe('network reach of agents and tool servers, from the synthesized NetworkPolicies', () => {
  const model = modelFromManifests(all);
  const pod = (namespace: string, name: string) => ({ kind: 'pod' as const, pod: model.pods.find((p) => p.namespace === namespace && p.name === name)! });
  const reachFrom = (src: ReturnType<typeof pod>) =>
    Object.fromEntries(
      model.namespaces
        .map((n) => n.name)
        .filter((n) => n !== NS)
        .map((n) => [n, model.pods.filter((p) => p.namespace === n).reduce((acc, p) => [...acc, allowedPorts(model, src, { kind: 'pod', pod: p }).toString()], [] as string[]).filter((s) => s !== 'none')])
        .filter(([, ports]) => ports.length > 0),
    );

  it('lets an agent pod reach the AI gateway, the data stores, the collector, the kagent controller and DNS, and nothing else', () => {
    expect(Object.keys(reachFrom(pod(NS, 'support'))).sort()).toEqual(['ai-agents', 'ai-data', 'ai-gateway', 'kube-system', 'observability']);
    expect(allowedPorts(model, pod(NS, 'support'), pod('ai-gateway', '*')).toString()).toBe(`TCP ${PORTS.aiGateway}`);
  });

  it('lets an agent pod call its tool servers in its namespace', () => {
    for (const server of ['kb-docs', 'python']) expect(allowedPorts(model, pod(NS, 'support'), pod(NS, server)).isEmpty(), server).toBe(false);
  });

  it('gives a code sandbox no way out but DNS', () => {
    expect(reachFrom(pod(NS, 'python'))).toEqual({ 'kube-system': ['TCP 53; UDP 53'] });
    expect(allowedPorts(model, pod(NS, 'python'), pod(NS, 'support')).isEmpty()).toBe(true);
  });

  it('fences off sandboxes only in tenants that have a code tool', () => {
    expect(ofKind(umbrella, 'NetworkPolicy').map((p) => p.metadata.name)).toContain(`${NS}-sandbox`);
    const acme = ofKind(objectsOf(charts, 'tenant-acme'), 'NetworkPolicy');
    expect(acme.map((p) => p.metadata.name)).not.toContain('tenant-acme-sandbox');
    expect(acme.every((p) => JSON.stringify((p.spec as any).podSelector) === '{}')).toBe(true);
  });

  it('lets no agent reach another tenant\'s agents or tools', () => {
    for (const other of model.pods.filter((p) => p.namespace.startsWith('tenant-') && p.namespace !== NS)) {
      expect(allowedPorts(model, pod(NS, 'support'), { kind: 'pod', pod: other }).isEmpty(), `${other.namespace}/${other.name}`).toBe(true);
    }
  });
});
