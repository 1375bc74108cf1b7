import type { Loaded } from './cross-checks.js';
import type { InputError } from './input-error.js';
import type { Environment } from './schema/environment.js';
import type { Tenant } from './schema/tenant.js';

/**
 * References of the gateway layer, checked across files: a tenant route names one of its agents, a fallback names a
 * catalog model, and a public route names a route that a tenant of that environment declares.
 */
export function gatewayChecks(environments: readonly Loaded<Environment>[], tenants: readonly Loaded<Tenant>[], tenantFiles: ReadonlySet<string>): InputError[] {
  const errors: InputError[] = [];
  const tenantByName = new Map(tenants.map((t) => [t.value.name, t.value]));

  for (const { source, value: t } of tenants) {
    const agents = t.agents.map((a) => a.name);
    const seen = new Map<string, number>();
    t.routes.forEach((r, i) => {
      if (!agents.includes(r.agent)) {
        errors.push(source.errorAt(['routes', i, 'agent'], `no agent "${r.agent}" in this tenant (agents: ${agents.join(', ') || 'none'}); declare it under agents or remove the route`));
      }
      const first = seen.get(r.agent);
      if (first !== undefined) errors.push(source.errorAt(['routes', i, 'agent'], `agent "${r.agent}" already has a route at routes[${first}]; remove one`));
      else seen.set(r.agent, i);
    });
  }

  for (const { source, value: env } of environments) {
    const catalog = env.models.map((m) => m.name);
    // A model's canary and endpoint picker are named after it; another model must not take those names.
    env.models.forEach((m, i) => {
      for (const suffix of ['canary', 'epp']) {
        const owner = catalog.find((other) => `${other}-${suffix}` === m.name);
        if (owner) errors.push(source.errorAt(['models', i, 'name'], `"${m.name}" is the name of model "${owner}"'s ${suffix === 'epp' ? 'endpoint picker' : 'canary'}; rename this model`));
      }
    });
    const fallbackOf = new Map<string, number>();
    env.gateway.models.fallbacks.forEach((f, i) => {
      if (!catalog.includes(f.model)) {
        errors.push(source.errorAt(['gateway', 'models', 'fallbacks', i, 'model'], `model "${f.model}" is not in this environment's catalog (models: ${catalog.join(', ') || 'none'}); fix the name or add the model under models`));
      }
      const first = fallbackOf.get(f.model);
      if (first !== undefined) errors.push(source.errorAt(['gateway', 'models', 'fallbacks', i, 'model'], `model "${f.model}" already has a fallback at gateway.models.fallbacks[${first}]; one per model`));
      else fallbackOf.set(f.model, i);
    });
    (env.gateway.clients?.publicRoutes ?? []).forEach((p, i) => {
      const at = ['gateway', 'clients', 'publicRoutes', i];
      const tenant = tenantByName.get(p.tenant);
      if (!tenant) {
        // A tenant file that failed its own schema is reported there, not again here.
        if (!tenantFiles.has(p.tenant)) errors.push(source.errorAt([...at, 'tenant'], `no tenant "${p.tenant}" (tenants: ${[...tenantFiles].sort().join(', ') || 'none'}); fix the name or add tenants/${p.tenant}.yaml`));
        return;
      }
      if (!tenant.environments.includes(env.name)) {
        errors.push(source.errorAt([...at, 'tenant'], `tenant "${p.tenant}" is not deployed to ${env.name} (its environments: ${tenant.environments.join(', ')}); remove this entry or add ${env.name} to tenants/${p.tenant}.yaml`));
      } else if (!tenant.routes.some((r) => r.agent === p.agent)) {
        errors.push(source.errorAt([...at, 'agent'], `tenant "${p.tenant}" has no route to agent "${p.agent}" (routes: ${tenant.routes.map((r) => r.agent).join(', ') || 'none'}); add it under routes in tenants/${p.tenant}.yaml`));
      }
    });
  }
  return errors;
}
