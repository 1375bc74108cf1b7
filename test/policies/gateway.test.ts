import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../src/app.js';
import { everyEnvironment, fixtureInput, objectsOf, ofKind, repoInput } from '../support/synth.js';

/** Synthesized custom resources; tests index freely into their specs. */
type Obj = KubeObject & { spec: any };

describe.each(everyEnvironment())('gateway layer of $env ($source)', ({ source, env: envName, charts }) => {
  const input = source === 'fixture' ? fixtureInput() : repoInput();
  const env = input.environments.find((e) => e.name === envName)!;
  const tenants = input.tenants.filter((t) => t.environments.includes(envName));
  const gateway = objectsOf(charts, 'gateway') as Obj[];
  const find = (kind: string, name: string, namespace: string) => gateway.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
  const targets = (p: Obj) => (p.spec.targetRefs as { kind: string; name: string }[]).map((t) => `${t.kind}/${t.name}`);

  it('routes every catalog model by x-model-id to its InferencePool, canaries by the catalog\'s weight', () => {
    for (const model of env.models) {
      const route = find('HTTPRoute', model.name, 'ai-inference');
      expect(route, model.name).toBeDefined();
      for (const m of route!.spec.rules[0].matches) expect(m.headers).toEqual([{ type: 'Exact', name: 'x-model-id', value: model.name }]);
      expect(find('InferencePool', model.name, 'ai-inference'), model.name).toBeDefined();
      const weights = route!.spec.rules[0].backendRefs.map((r: { weight?: number }) => r.weight);
      expect(weights).toEqual(model.canary ? [100 - model.canary.weight, model.canary.weight] : [undefined]);
    }
  });

  it('lets each model be called only by the tenants that list it and the platform\'s agents', () => {
    for (const model of env.models) {
      const callers = [...tenants.filter((t) => t.models.includes(model.name)).map((t) => `'${t.name}'`), "'ai-agents'"];
      expect(find('AgentgatewayPolicy', model.name, 'ai-inference')!.spec.traffic.authorization.policy.matchExpressions).toEqual([`apiKey.tenant in [${callers.join(', ')}]`]);
    }
  });

  it('limits every tenant\'s tokens per minute to its file', () => {
    if (tenants.length === 0) return;
    const limits = find('AgentgatewayPolicy', 'ai-gateway-token-limits', 'ai-gateway');
    expect(limits?.spec.traffic.rateLimit.global.descriptors).toEqual([{ entries: [{ name: 'tenant', expression: 'apiKey.tenant' }], unit: 'Tokens' }]);
    const cm = find('ConfigMap', 'token-ratelimit-config', 'ai-gateway') as unknown as { data: Record<string, string> };
    const budgets = (parseYaml(cm.data['config.yaml']) as { descriptors: { value: string; rate_limit: { requests_per_unit: number } }[] }).descriptors;
    for (const t of tenants) expect(budgets.find((d) => d.value === t.name)?.rate_limit.requests_per_unit, t.name).toBe(t.rateLimits.tokensPerMinute);
    expect(budgets.length).toBe(tenants.length);
  });

  it('puts JWT, the tenant claim check and the tenant\'s request limit on every client route that is not public', () => {
    const publicPaths = new Set((env.gateway.clients?.publicRoutes ?? []).map((p) => `/tenants/${p.tenant}/${p.agent}`));
    const routes = ofKind<Obj>(gateway, 'HTTPRoute').filter((r) => r.spec.parentRefs.some((p: { name: string }) => p.name === 'api-gateway'));
    for (const route of routes) {
      const tenant = tenants.find((t) => `tenant-${t.name}` === route.spec.rules[0].backendRefs[0].namespace)!;
      const policy = ofKind<Obj>(gateway, 'TrafficPolicy').find((p) => targets(p).includes(`HTTPRoute/${route.metadata.name}`))!;
      const paths: string[] = route.spec.rules.map((r: { matches: { path: { value: string } }[] }) => r.matches[0].path.value);
      for (const p of paths) expect(p.startsWith(`/tenants/${tenant.name}/`), p).toBe(true);
      if (!paths.every((p) => publicPaths.has(p))) {
        expect(policy.spec.jwtAuth, route.metadata.name).toEqual({ extensionRef: { name: 'client-jwt' } });
        const claim = env.gateway.clients!.jwt.tenantClaim;
        expect(policy.spec.rbac.policy.matchExpressions).toEqual([`metadata.filter_metadata['envoy.filters.http.jwt_authn']['payload']['${claim}'] == '${tenant.name}'`]);
      }
      expect(policy.spec.rateLimit.local.tokenBucket).toEqual({ maxTokens: tenant.rateLimits.requestsPerMinute, tokensPerFill: tenant.rateLimits.requestsPerMinute, fillInterval: '60s' });
    }
  });

  it('marks every gateway custom resource for Argo CD to wait for its CRD', () => {
    for (const o of gateway.filter((x) => x.apiVersion.includes('.'))) {
      if (['apps/v1', 'rbac.authorization.k8s.io/v1', 'networking.k8s.io/v1'].includes(o.apiVersion)) continue;
      expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options'], `${o.kind}/${o.metadata.name}`).toBe('SkipDryRunOnMissingResource=true');
    }
  });
});
