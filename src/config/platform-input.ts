import type { Environment } from './schema/environment.js';
import type { Tenant } from './schema/tenant.js';

/** Everything synthesis needs, validated and with defaults applied. Frozen: charts never change their input. */
export interface PlatformInput {
  /** Sorted by name. */
  readonly environments: readonly Environment[];
  /** Sorted by name. */
  readonly tenants: readonly Tenant[];
}

/** The tenants deployed to `env`, in name order. */
export function tenantsOf(input: PlatformInput, env: Environment): Tenant[] {
  return input.tenants.filter((t) => t.environments.includes(env.name));
}
