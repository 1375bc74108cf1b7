import { describe, expect, it } from 'vitest';
import { planEnvironment, type ChartPlan } from '../../src/app.js';
import type { PlatformInput } from '../../src/config/platform-input.js';
import type { Tenant } from '../../src/config/schema/tenant.js';
import { ChartCache } from '../../src/synth/chart-cache.js';
import { toYaml } from '../../src/synth/yaml-emitter.js';
import { fixtureInput } from '../support/synth.js';

// GIVEN the fixture (dev and prod, tenants a and b) and a series of edits of tenant a, each the kind a tenant's
// team makes to its own file.
const input = fixtureInput();
const FOLDERS_LISTING_TENANTS = ['argocd', 'gateway', 'data', 'data-bootstrap', 'observability'];

interface Edit {
  readonly what: string;
  readonly edit: (a: Tenant) => Tenant;
  /** The common units (id = folder) whose view holds what the edit changes: the only ones that may re-key. */
  readonly commonUnits: readonly string[];
}

const EDITS: readonly Edit[] = [
  // a's limits are set, so its requests do not change its cost ceiling: only its own units read them.
  { what: 'quota requests', edit: (a) => ({ ...a, quota: { ...a.quota, requestsCpu: '24', requestsMemory: '48Gi' } }), commonUnits: [] },
  { what: 'quota limits', edit: (a) => ({ ...a, quota: { ...a.quota, limitsCpu: '48' } }), commonUnits: ['observability'] },
  { what: 'models', edit: (a) => ({ ...a, models: [...a.models, 'mixtral-8x7b'] }), commonUnits: ['gateway'] },
  { what: 'tokens per minute', edit: (a) => ({ ...a, rateLimits: { ...a.rateLimits, tokensPerMinute: 2 * a.rateLimits.tokensPerMinute } }), commonUnits: ['gateway', 'observability'] },
  { what: 'requests per minute', edit: (a) => ({ ...a, rateLimits: { ...a.rateLimits, requestsPerMinute: 2 * a.rateLimits.requestsPerMinute } }), commonUnits: [] },
  { what: 'routes', edit: (a) => ({ ...a, routes: [] }), commonUnits: [] },
  { what: 'agents', edit: (a) => ({ ...a, agents: a.agents.map((g) => ({ ...g, description: `${g.description} Edited.`, maxReplicas: 12 })) }), commonUnits: [] },
  { what: 'tools', edit: (a) => ({ ...a, tools: a.tools.map((t) => ({ ...t, description: `${t.description} Edited.` })) }), commonUnits: [] },
  { what: 'knowledge base topK', edit: (a) => ({ ...a, knowledgeBases: a.knowledgeBases.map((kb) => ({ ...kb, topK: kb.topK + 1 })) }), commonUnits: [] },
  { what: 'knowledge base collection', edit: (a) => ({ ...a, knowledgeBases: a.knowledgeBases.map((kb) => ({ ...kb, collection: `${kb.collection}_v2` })) }), commonUnits: ['data-bootstrap'] },
  { what: 'owners', edit: (a) => ({ ...a, owners: [...a.owners, 'someone-else@example.com'] }), commonUnits: [] },
  { what: 'groups', edit: (a) => ({ ...a, groups: { ...a.groups, viewers: [...a.groups.viewers, 'tenant-a-auditors'] } }), commonUnits: [] },
];

const withTenantA = (edit: (a: Tenant) => Tenant): PlatformInput => ({ ...input, tenants: input.tenants.map((t) => (t.name === 'a' ? edit(t) : t)) });
const keysOf = (plans: readonly ChartPlan[]) => new Map(plans.filter((p) => p.inputs).map((p) => [p.id, ChartCache.key(...p.inputs!)]));
const yamlOf = (plan: ChartPlan) => plan.render().objects.map(toYaml);
const isTenantAsUnit = (id: string) => id === 'tenant-a' || id.endsWith('/tenant-a');

describe.each(input.environments.map((env) => [env.name, env] as const))('unit keys of %s', (_, env) => {
  const before = planEnvironment(input, env);
  const beforeKeys = keysOf(before);
  const rendered = new Map<string, string[]>();
  const renderedBefore = (plan: ChartPlan) => rendered.get(plan.id) ?? rendered.set(plan.id, yamlOf(plan)).get(plan.id)!;

  it('key every unit of the folders that list tenants, per tenant and in common', () => {
    const units = before.filter((p) => FOLDERS_LISTING_TENANTS.includes(p.folder));
    expect(units.filter((p) => !p.inputs).map((p) => p.id)).toEqual([]);
    expect(units.map((p) => p.id)).toEqual(expect.arrayContaining([...FOLDERS_LISTING_TENANTS, 'argocd/tenant-a', 'data/tenant-a']));
  });

  it.each(EDITS.map((e) => [e.what, e] as const))('are complete and narrow for an edit of tenant a: %s', (_what, { edit, commonUnits }) => {
    const after = planEnvironment(withTenantA(edit), env);
    const afterKeys = keysOf(after);
    const changed = [...afterKeys].filter(([id, key]) => beforeKeys.get(id) !== key).map(([id]) => id);
    // Narrow: only tenant a's units re-key, and of the common ones only those whose view holds the field.
    expect(changed.filter((id) => !isTenantAsUnit(id) && !commonUnits.includes(id))).toEqual([]);
    // Complete: every unit whose key did not change renders exactly what it rendered before.
    for (const plan of after.filter((p) => p.inputs && !changed.includes(p.id))) {
      expect(yamlOf(plan), plan.id).toEqual(renderedBefore(before.find((p) => p.id === plan.id)!));
    }
  });

  it('re-key only that tenant\'s own chart for a quota edit', () => {
    const after = keysOf(planEnvironment(withTenantA(EDITS[0].edit), env));
    expect([...after].filter(([id, key]) => beforeKeys.get(id) !== key).map(([id]) => id)).toEqual(['tenant-a']);
  });
});
