import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { synthesizeEnvironment, type KubeObject } from '../../src/app.js';
import type { PlatformInput } from '../../src/config/platform-input.js';
import { MODEL_FROM_REQUEST } from '../../src/constructs/ai-gateway.js';
import { CALLERS_PER_POLICY, ENDPOINT_PICKER_IMAGE, ModelRoute, RETRY_CODES } from '../../src/constructs/model-route.js';
import { App, Chart } from 'cdk8s';
import { LAB_ENV, LAB_TENANTS, labInput } from '../support/gateway-fixture.js';
import { named, objectsOf, ofKind } from '../support/synth.js';
import { validateObject } from '../../src/validation/validate-object.js';

/** Synthesized custom resources; tests index freely into their specs. */
type Obj = KubeObject & { spec: any };

function synth(input: PlatformInput) {
  const charts = synthesizeEnvironment(input, input.environments[0]);
  return { charts, gateway: objectsOf(charts, 'gateway') as Obj[], all: objectsOf(charts) as Obj[] };
}

const lab = labInput();
const { charts, gateway, all } = synth(lab);
const env = lab.environments[0];
const tenants = lab.tenants;
const get = (kind: string, name: string, namespace?: string) => named(gateway, kind, name, namespace) as Obj;
const targets = (policy: Obj) => (policy.spec.targetRefs as { kind: string; name: string }[]).map((t) => `${t.kind}/${t.name}`);

describe('AI gateway (east-west): routing to each catalog model', () => {
  it.each(env.models.map((m) => m.name))('routes the OpenAI paths with x-model-id: %s to that model only', (model) => {
    const route = get('HTTPRoute', model, 'ai-inference');
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ai-gateway', namespace: 'ai-gateway', sectionName: 'http' }]);
    const matches = route.spec.rules.flatMap((r: any) => r.matches);
    expect(matches.map((m: any) => m.path.value).sort()).toEqual(['/v1/chat/completions', '/v1/completions', '/v1/embeddings']);
    for (const m of matches) expect(m.headers).toEqual([{ type: 'Exact', name: 'x-model-id', value: model }]);
  });

  it('routes by the body\'s model field: before routing, x-model-id is set from the header or the OpenAI body\'s model', () => {
    const callers = get('AgentgatewayPolicy', 'ai-gateway-callers', 'ai-gateway');
    expect(targets(callers)).toEqual(['Gateway/ai-gateway']);
    expect(callers.spec.traffic.phase).toBe('PreRouting');
    expect(callers.spec.traffic.transformation.request.set).toEqual([{ name: 'x-model-id', value: MODEL_FROM_REQUEST }]);
    expect(MODEL_FROM_REQUEST).toContain('json(request.body).model');
  });

  it('tells every backend how to handle each OpenAI path (chat completions, embeddings; legacy completions pass through)', () => {
    for (const backend of ofKind<Obj>(gateway, 'AgentgatewayBackend')) {
      expect(backend.spec.policies.ai.routes, backend.metadata.name).toEqual({ '/v1/chat/completions': 'Completions', '/v1/completions': 'Passthrough', '/v1/embeddings': 'Embeddings' });
    }
  });

  it('fixes the model name on every backend, so the model a call reaches is the model its route authorized', () => {
    for (const backend of ofKind<Obj>(gateway, 'AgentgatewayBackend')) {
      const providers = backend.spec.ai.provider ? [backend.spec.ai.provider] : backend.spec.ai.groups[0].providers;
      const model = backend.metadata.name.replace(/-canary$/, '');
      for (const p of providers) expect(p.custom.model).toBe(model);
    }
  });

  it('splits each model with a canary by the catalog\'s weight, and sends all of a model without one to its pool', () => {
    for (const model of env.models) {
      const refs = get('HTTPRoute', model.name, 'ai-inference').spec.rules[0].backendRefs;
      if (model.canary) {
        expect(refs).toEqual([
          { group: 'agentgateway.dev', kind: 'AgentgatewayBackend', name: model.name, weight: 100 - model.canary.weight },
          { group: 'agentgateway.dev', kind: 'AgentgatewayBackend', name: `${model.name}-canary`, weight: model.canary.weight },
        ]);
        const canary = get('AgentgatewayBackend', `${model.name}-canary`, 'ai-inference');
        const provider = canary.spec.ai.provider ?? canary.spec.ai.groups[0].providers[0];
        expect(provider.custom.backendRef).toEqual({ group: '', kind: 'Service', name: `${model.name}-canary`, port: 8000 });
      } else {
        expect(refs).toEqual([{ group: 'agentgateway.dev', kind: 'AgentgatewayBackend', name: model.name }]);
      }
    }
    // The fixture's numbers, so that a wrong formula cannot pass by symmetry.
    expect(get('HTTPRoute', 'alpha', 'ai-inference').spec.rules[0].backendRefs.map((r: any) => r.weight)).toEqual([75, 25]);
  });

  it('agrees with the weight the canary Service carries for the gateway layer', () => {
    for (const model of env.models.filter((m) => m.canary)) {
      const svc = named(objectsOf(charts, 'inference'), 'Service', `${model.name}-canary`, 'ai-inference');
      const weight = get('HTTPRoute', model.name, 'ai-inference').spec.rules[0].backendRefs[1].weight;
      expect(svc.metadata.annotations!['platform.agentic.io/traffic-weight']).toBe(String(weight));
    }
  });

  it('sends each model\'s primary traffic to an InferencePool over its primary replicas, with an endpoint picker', () => {
    for (const model of env.models) {
      const pool = get('InferencePool', model.name, 'ai-inference');
      expect(pool.apiVersion).toBe('inference.networking.k8s.io/v1');
      expect(pool.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': model.name, 'platform.agentic.io/variant': 'primary' });
      expect(pool.spec.targetPorts).toEqual([{ number: model.engine === 'tgi' ? 8080 : 8000 }]);
      expect(pool.spec.endpointPickerRef).toMatchObject({ kind: 'Service', name: `${model.name}-epp`, port: { number: 9002 } });
      const primary = get('AgentgatewayBackend', model.name, 'ai-inference');
      const provider = primary.spec.ai.provider ?? primary.spec.ai.groups[0].providers[0];
      expect(provider.custom.backendRef).toEqual({ group: 'inference.networking.k8s.io', kind: 'InferencePool', name: model.name });
      // The picker: pinned image, probes, limits, non-root read-only, read access to its pool and pods only.
      const epp = get('Deployment', `${model.name}-epp`, 'ai-inference');
      const c = epp.spec.template.spec.containers[0];
      expect(c.image).toBe(ENDPOINT_PICKER_IMAGE);
      expect(c.args).toEqual(expect.arrayContaining(['--pool-name', model.name]));
      expect(c.readinessProbe && c.livenessProbe && c.resources.limits && c.resources.requests).toBeTruthy();
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      expect(epp.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      expect(get('Service', `${model.name}-epp`, 'ai-inference').spec.ports.map((p: any) => p.port)).toContain(9002);
      expect(get('Role', `${model.name}-epp`, 'ai-inference').rules).toEqual([
        { apiGroups: ['inference.networking.k8s.io'], resources: ['inferencepools'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      ]);
    }
  });

  it('falls back in priority order: the self-hosted model first, the environment\'s Bedrock backend second', () => {
    const alpha = get('AgentgatewayBackend', 'alpha', 'ai-inference');
    expect(alpha.spec.ai.provider).toBeUndefined();
    expect(alpha.spec.ai.groups.map((g: any) => g.providers.map((p: any) => p.name))).toEqual([['alpha'], ['fallback-bedrock']]);
    expect(alpha.spec.ai.groups[1].providers[0].bedrock).toEqual({ model: 'anthropic.claude-3-5-haiku-20241022-v1:0', region: 'us-east-1' });
    // The canary falls back the same way; models without a fallback have one provider and no groups.
    expect(get('AgentgatewayBackend', 'alpha-canary', 'ai-inference').spec.ai.groups[1].providers[0].name).toBe('fallback-bedrock');
    for (const m of ['beta', 'gamma']) expect(get('AgentgatewayBackend', m, 'ai-inference').spec.ai.groups).toBeUndefined();
  });

  it('applies the environment\'s request timeout and retries to every model route', () => {
    for (const model of env.models) {
      expect(get('HTTPRoute', model.name, 'ai-inference').spec.rules[0].timeouts).toEqual({ request: '90s' });
      expect(get('AgentgatewayPolicy', model.name, 'ai-inference').spec.traffic.retry).toEqual({ attempts: 3, codes: [...RETRY_CODES], backoff: '500ms' });
    }
  });

  it('admits model routes only from ai-inference on the AI gateway\'s one listener', () => {
    const gw = get('Gateway', 'ai-gateway', 'ai-gateway');
    expect(gw.spec.gatewayClassName).toBe('agentgateway');
    expect(gw.spec.listeners).toHaveLength(1);
    expect(gw.spec.listeners[0]).toMatchObject({
      protocol: 'HTTP',
      port: 8080,
      allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'ai-inference' } } } },
    });
  });
});

/** The token budgets in the rate-limit service's configuration: tenant → tokens per minute. */
function tokenBudgets(objects: readonly Obj[]): Map<string, number> {
  const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'token-ratelimit-config') as unknown as { data: Record<string, string> };
  const config = parseYaml(cm.data['config.yaml']) as { domain: string; descriptors: { key: string; value: string; rate_limit: { unit: string; requests_per_unit: number } }[] };
  expect(config.domain).toBe('ai-gateway-tokens');
  return new Map(config.descriptors.map((d) => {
    expect([d.key, d.rate_limit.unit]).toEqual(['tenant', 'minute']);
    return [d.value, d.rate_limit.requests_per_unit];
  }));
}

describe('AI gateway: callers, model authorization, token limits', () => {
  it('authenticates every caller with the key from its platform-owned Secret before routing', () => {
    const callers = get('AgentgatewayPolicy', 'ai-gateway-callers', 'ai-gateway');
    expect(callers.spec.traffic.apiKeyAuthentication).toEqual({ mode: 'Strict', secretSelector: { matchLabels: { 'platform.agentic.io/llm-credential': 'true' } } });
  });

  it('lets a model be called only by the tenants that list it (and the platform\'s agents)', () => {
    for (const model of env.models) {
      const allowed = tenants.filter((t) => t.models.includes(model.name)).map((t) => `'${t.name}'`);
      const policy = get('AgentgatewayPolicy', model.name, 'ai-inference');
      expect(targets(policy)).toEqual([`HTTPRoute/${model.name}`]);
      expect(policy.spec.traffic.authorization).toEqual({
        action: 'Allow',
        policy: { matchExpressions: [`apiKey.tenant in [${[...allowed, "'ai-agents'"].join(', ')}]`] },
      });
    }
  });

  it('keeps a tenant from calling a model outside its list', () => {
    const expr = (m: string) => get('AgentgatewayPolicy', m, 'ai-inference').spec.traffic.authorization.policy.matchExpressions[0] as string;
    expect(expr('gamma')).not.toContain("'acme'");
    expect(expr('alpha')).not.toContain("'globex'");
    for (const m of ['alpha', 'beta', 'gamma']) expect(expr(m)).not.toContain("'initech'"); // lists no model at all
  });

  it('limits each tenant\'s tokens per minute to its file\'s tokensPerMinute, in one shared rate-limit service', () => {
    const limits = get('AgentgatewayPolicy', 'ai-gateway-token-limits', 'ai-gateway');
    expect(targets(limits)).toEqual(['Gateway/ai-gateway']);
    // Every call is charged its tokens against the tenant its (unforgeable) API key names.
    expect(limits.spec.traffic.rateLimit.global).toEqual({
      backendRef: { kind: 'Service', name: 'token-ratelimit', port: 8081 },
      domain: 'ai-gateway-tokens',
      descriptors: [{ entries: [{ name: 'tenant', expression: 'apiKey.tenant' }], unit: 'Tokens' }],
      failureMode: 'FailClosed',
    });
    expect(tokenBudgets(gateway)).toEqual(new Map(tenants.map((t) => [t.name, t.rateLimits.tokensPerMinute])));
    expect(tokenBudgets(gateway).get('globex')).toBe(777);
  });

  it('runs the rate-limit service pinned, restricted, with its Valkey credentials by reference only', () => {
    const deployment = get('Deployment', 'token-ratelimit', 'ai-gateway');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.env.find((e: any) => e.name === 'REDIS_AUTH').valueFrom).toEqual({ secretKeyRef: { name: 'ratelimit-valkey', key: 'auth' } });
    expect(container.env.every((e: any) => e.name === 'REDIS_AUTH' || e.value !== undefined)).toBe(true);
    expect(get('Service', 'token-ratelimit', 'ai-gateway').spec.ports[0].port).toBe(8081);
  });
});

describe('client gateway (north-south)', () => {
  const clientRoutes = ofKind<Obj>(gateway, 'HTTPRoute').filter((r) => r.spec.parentRefs.some((p: any) => p.name === 'api-gateway'));
  const policyFor = (route: string) => ofKind<Obj>(gateway, 'TrafficPolicy').find((p) => targets(p).includes(`HTTPRoute/${route}`));

  it('terminates HTTPS for the environment\'s hostname with a referenced certificate, admitting routes from ai-gateway only', () => {
    const gw = get('Gateway', 'api-gateway', 'ai-gateway');
    expect(gw.spec.gatewayClassName).toBe('kgateway');
    expect(gw.spec.infrastructure.parametersRef).toEqual({ group: 'gateway.kgateway.dev', kind: 'GatewayParameters', name: 'api-gateway' });
    expect(gw.spec.listeners).toEqual([
      expect.objectContaining({
        protocol: 'HTTPS', port: 443, hostname: 'agents.lab.example.com',
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'lab-tls' }] },
        allowedRoutes: expect.objectContaining({ namespaces: { from: 'Same' } }),
      }),
    ]);
  });

  it('is exposed through an AWS NLB with the environment\'s scheme', () => {
    const service = get('GatewayParameters', 'api-gateway', 'ai-gateway').spec.kube.service;
    expect(service.type).toBe('LoadBalancer');
    expect(service.extraAnnotations).toMatchObject({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
    });
  });

  it('validates JWTs with the environment\'s issuer, audiences and JWKS', () => {
    const ext = get('GatewayExtension', 'client-jwt', 'ai-gateway');
    expect(ext.spec.type).toBe('JWT');
    const [provider] = ext.spec.jwt.providers;
    expect(provider).toMatchObject({ issuer: 'https://idp.example.com/lab', audiences: ['lab-clients', 'lab-cli'] });
    expect(provider.jwks.remote).toMatchObject({ url: 'https://keys.example.com/lab/jwks.json', backendRef: { kind: 'Backend', name: 'jwks' } });
    expect(get('Backend', 'jwks', 'ai-gateway').spec.static.hosts).toEqual([{ host: 'keys.example.com', port: 443 }]);
    expect(get('BackendConfigPolicy', 'jwks-tls', 'ai-gateway').spec.tls).toEqual({ wellKnownCACertificates: 'System', sni: 'keys.example.com' });
  });

  it('routes each tenant\'s routed agents under /tenants/<tenant>/<agent> to the agent\'s Service, from the tenant file', () => {
    const rules = clientRoutes.flatMap((r) => r.spec.rules.map((rule: any) => ({ route: r.metadata.name, rule })));
    const published = rules.map(({ rule }) => `${rule.matches[0].path.value} -> ${rule.backendRefs[0].namespace}/${rule.backendRefs[0].name}:${rule.backendRefs[0].port}`);
    expect(published.sort()).toEqual(['/tenants/acme/faq -> tenant-acme/faq:8080', '/tenants/acme/support -> tenant-acme/support:8080', '/tenants/globex/analyst -> tenant-globex/analyst:8080']);
    for (const { rule } of rules) expect(rule.filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);
    for (const r of clientRoutes) expect(r.spec.hostnames).toEqual(['agents.lab.example.com']);
    expect(JSON.stringify(clientRoutes)).not.toContain('internal'); // an agent without a route is not published
  });

  it('puts JWT validation on every route the environment does not mark public', () => {
    const publicAgents = new Set((env.gateway.clients?.publicRoutes ?? []).map((p) => `/tenants/${p.tenant}/${p.agent}`));
    for (const route of clientRoutes) {
      const paths: string[] = route.spec.rules.map((r: any) => r.matches[0].path.value);
      const policy = policyFor(route.metadata.name);
      expect(policy, route.metadata.name).toBeDefined();
      if (paths.every((p) => publicAgents.has(p))) expect(policy!.spec.jwtAuth, route.metadata.name).toBeUndefined();
      else {
        expect(paths.some((p) => publicAgents.has(p)), `${route.metadata.name} mixes public and private`).toBe(false);
        expect(policy!.spec.jwtAuth).toEqual({ extensionRef: { name: 'client-jwt' } });
      }
    }
    expect(get('HTTPRoute', 'public-tenant-acme', 'ai-gateway').spec.rules.map((r: any) => r.name)).toEqual(['faq']);
  });

  it('admits only tokens whose verified tenant claim (the environment\'s tenantClaim) names the route\'s tenant', () => {
    for (const [tenant, route] of [['acme', 'tenant-acme'], ['globex', 'tenant-globex']]) {
      expect(policyFor(route)!.spec.rbac).toEqual({
        action: 'Allow',
        policy: { matchExpressions: [`metadata.filter_metadata['envoy.filters.http.jwt_authn']['payload']['org'] == '${tenant}'`] },
      });
    }
  });

  it('limits each tenant\'s requests per minute to its file\'s requestsPerMinute, with a token bucket', () => {
    for (const route of clientRoutes) {
      const tenant = tenants.find((t) => `tenant-${t.name}` === route.spec.rules[0].backendRefs[0].namespace)!;
      const bucket = policyFor(route.metadata.name)!.spec.rateLimit.local.tokenBucket;
      const perMinute = (bucket.tokensPerFill * 60) / Number(bucket.fillInterval.replace(/s$/, ''));
      expect(`${route.metadata.name}: ${perMinute}/min, burst ${bucket.maxTokens}`).toBe(`${route.metadata.name}: ${tenant.rateLimits.requestsPerMinute}/min, burst ${tenant.rateLimits.requestsPerMinute}`);
    }
  });

  it('grants the client routes access to exactly the routed agent Services of each tenant, and nothing to tenants without routes', () => {
    const grants = ofKind<Obj>(all, 'ReferenceGrant');
    expect(grants.map((g) => g.metadata.namespace).sort()).toEqual(['tenant-acme', 'tenant-globex']);
    const acme = grants.find((g) => g.metadata.namespace === 'tenant-acme')!;
    expect(acme.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'ai-gateway' }],
      to: [{ group: '', kind: 'Service', name: 'faq' }, { group: '', kind: 'Service', name: 'support' }],
    });
  });

  it('lets the NLB reach only the Envoy pods\' HTTPS port', () => {
    const np = get('NetworkPolicy', 'api-gateway-allow-load-balancer', 'ai-gateway');
    expect(np.spec.podSelector).toEqual({ matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'api-gateway' } });
    expect(np.spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 8443 }] }]);
  });

  it('keeps the routes of tenant "x" and of a tenant "x-public" apart', () => {
    const xPublic = LAB_TENANTS.globex.replace(/globex/g, 'acme-public');
    const out = synth(labInput({ 'tenants/acme-public.yaml': xPublic }));
    const routes = ofKind<Obj>(out.gateway, 'HTTPRoute').filter((r) => r.metadata.namespace === 'ai-gateway').map((r) => r.metadata.name);
    expect(routes.sort()).toEqual(['public-tenant-acme', 'tenant-acme', 'tenant-acme-public', 'tenant-globex']);
  });

  it('without gateway.clients: no client gateway, routes or grants; the AI gateway stays', () => {
    const noClients = synth(labInput({ 'environments/lab.yaml': LAB_ENV.replace(/\n  clients:\n[\s\S]*?\n  models:\n/, '\n  models:\n') }));
    expect(noClients.gateway.filter((o) => ['GatewayExtension', 'TrafficPolicy', 'GatewayParameters'].includes(o.kind))).toEqual([]);
    expect(ofKind(noClients.all, 'ReferenceGrant')).toEqual([]);
    expect(ofKind(noClients.gateway, 'Gateway').map((g) => g.metadata.name)).toEqual(['ai-gateway']);
  });
});

describe('validation of the gateway\'s objects', () => {
  it('validates every object the lab emits against the upstream schemas', () => {
    for (const o of all) expect(validateObject(o), `${o.kind}/${o.metadata.name}`).toEqual([]);
  });

  it.each([
    ['TrafficPolicy', 'tenant-acme', (o: Obj) => { o.spec.rateLimit.local.tokenBucket.fillIntervall = '60s'; }],
    ['AgentgatewayBackend', 'alpha', (o: Obj) => { o.spec.ai.groups[1].providers[0].bedrock.modelId = 'x'; }],
    ['InferencePool', 'beta', (o: Obj) => { delete o.spec.targetPorts; }],
    ['HTTPRoute', 'gamma', (o: Obj) => { o.spec.rules[0].timeouts.total = '1s'; }],
    ['ReferenceGrant', 'client-gateway-routes', (o: Obj) => { o.spec.to[0].namespace = 'elsewhere'; }],
  ])('catches a broken %s', (kind, name, breakIt) => {
    const copy = structuredClone(all.find((o) => o.kind === kind && o.metadata.name === name)!) as Obj;
    expect(validateObject(copy)).toEqual([]);
    breakIt(copy);
    expect(validateObject(copy).length, `${kind}/${name}`).toBeGreaterThan(0);
  });
});

describe('gateway metrics and installation', () => {
  it('exposes both gateways\' proxy metrics through PodMonitors', () => {
    const monitors = ofKind<Obj>(gateway, 'PodMonitor');
    expect(monitors.map((m) => [m.metadata.name, m.spec.selector.matchLabels['gateway.networking.k8s.io/gateway-name'], m.spec.podMetricsEndpoints[0].portNumber])).toEqual([
      ['api-gateway', 'api-gateway', 9091],
      ['ai-gateway', 'ai-gateway', 15020],
    ]);
  });

  it('marks every gateway custom resource so Argo CD waits for its CRD', () => {
    for (const o of all.filter((x) => /gateway|inference\.networking|monitoring\.coreos/.test(x.apiVersion))) {
      expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options'], `${o.kind}/${o.metadata.name}`).toBe('SkipDryRunOnMissingResource=true');
    }
  });

  it('installs the pinned CRDs first, then kgateway and agentgateway (InferencePool support on), then the gateway folder', () => {
    const apps = ofKind<Obj>(objectsOf(charts, 'argocd'), 'Application');
    const app = (name: string) => apps.find((a) => a.metadata.name === `lab-${name}`)!;
    const wave = (name: string) => Number(app(name).metadata.annotations!['argocd.argoproj.io/sync-wave']);
    expect(app('gateway-api-crds').spec.source).toMatchObject({ repoURL: 'https://github.com/kubernetes-sigs/gateway-api.git', targetRevision: 'v1.6.1', path: 'config/crd/standard' });
    expect(app('inference-extension-crds').spec.source).toMatchObject({ targetRevision: 'v1.6.0', directory: { include: 'inference.networking.k8s.io_inferencepools.yaml' } });
    // OCI artifacts: the chart is the artifact, its path ".".
    for (const name of ['kgateway-crds', 'kgateway']) expect(app(name).spec.source).toMatchObject({ repoURL: `oci://cr.kgateway.dev/kgateway-dev/charts/${name}`, path: '.', targetRevision: 'v2.4.3' });
    for (const name of ['agentgateway-crds', 'agentgateway']) expect(app(name).spec.source).toMatchObject({ repoURL: `oci://cr.agentgateway.dev/charts/${name}`, path: '.', targetRevision: 'v1.4.1' });
    expect(app('agentgateway').spec.source.helm.valuesObject.inferenceExtension).toEqual({ enabled: true });
    for (const name of ['kgateway', 'agentgateway']) expect(app(name).spec.syncPolicy.syncOptions).toContain('SkipDryRunOnMissingResource=true');
    for (const crds of ['gateway-api-crds', 'inference-extension-crds', 'kgateway-crds', 'agentgateway-crds']) {
      for (const controller of ['kgateway', 'agentgateway']) expect(wave(crds)).toBeLessThan(wave(controller));
    }
    for (const controller of ['kgateway', 'agentgateway']) expect(wave(controller)).toBeLessThan(wave('gateway'));
  });
});

describe('tenant files drive the gateway', () => {
  it('follows a changed tenant file: its new request and token limits appear', () => {
    const changed = LAB_TENANTS.globex.replace('requestsPerMinute: 30, tokensPerMinute: 777', 'requestsPerMinute: 45, tokensPerMinute: 900');
    const out = synth(labInput({ 'tenants/globex.yaml': changed }));
    expect((named(out.gateway, 'TrafficPolicy', 'tenant-globex') as Obj).spec.rateLimit.local.tokenBucket.tokensPerFill).toBe(45);
    expect(tokenBudgets(out.gateway as Obj[]).get('globex')).toBe(900);
  });
});

describe('model authorization at fleet scale', () => {
  it('splits a long caller list over several Allow policies, each within CEL\'s size limit, naming every caller once', () => {
    const chart = new Chart(new App(), 'fleet');
    // Tenant names of the longest allowed length, so the size limit is tested where it binds.
    const callers = Array.from({ length: 2 * CALLERS_PER_POLICY + 7 }, (_, i) => `t${String(i).padStart(55, '0')}`);
    new ModelRoute(chart, 'route', { model: 'm', namespace: 'ai-inference', primarySelector: { a: 'b' }, port: 8000, callers, requestTimeout: '60s', retries: 1 });
    const policies = (chart.toJson() as Obj[]).filter((o) => o.kind === 'AgentgatewayPolicy');
    expect(policies.map((p) => p.metadata.name)).toEqual(['m', 'm-callers-2', 'm-callers-3']);
    const named = policies.flatMap((p) => {
      const [expression] = p.spec.traffic.authorization.policy.matchExpressions as string[];
      expect(expression.length).toBeLessThanOrEqual(16384);
      expect(p.spec.traffic.authorization.action).toBe('Allow');
      return [...expression.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    });
    expect(named).toEqual(callers);
    for (const p of policies) expect(validateObject(p), p.metadata.name).toEqual([]);
  });
});
