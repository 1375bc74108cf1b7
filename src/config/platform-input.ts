import type { Environment } from './schema/environment.js';
import type { Tenant } from './schema/tenant.js';

/** Everything synthesis needs, validated and with defaults applied. Frozen: charts never change their input. */
export interface PlatformInput {
  /** Sorted by name. */
  readonly environments: readonly Environment[];
  /** Sorted by name. */
  readonly tenants: readonly Tenant[];
}

/**
 * The tenants deployed to `env`, in name order, each as that environment sees it: `models` holds only the models
 * of the tenant that `env`'s catalog has (a tenant may list a model that only another of its environments serves).
 */
export function tenantsOf(input: PlatformInput, env: Environment): Tenant[] {
  return input.tenants.filter((t) => t.environments.includes(env.name)).map((t) => tenantIn(t, env));
}

/** `tenant` with `models` narrowed to those `env` serves. */
export function tenantIn(tenant: Tenant, env: Environment): Tenant {
  const models = tenant.models.filter((m) => env.models.some((x) => x.name === m));
  return models.length === tenant.models.length ? tenant : Object.freeze({ ...tenant, models: Object.freeze(models) as string[] });
}
