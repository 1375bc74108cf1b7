import type { Environment } from '../config/schema/environment.js';
import type { Tenant } from '../config/schema/tenant.js';
import { costReport, type UnitPrices } from './cost.js';

/**
 * What the tenant cost rules read of the tenants: per tenant its monthly ceiling (from its quota and token share)
 * and its token budget, not the quota itself; so a quota edit that leaves the ceiling as it was changes nothing here.
 */
export interface TenantCostView {
  readonly prices: UnitPrices;
  /** The model servers' worst case for a month (shared by every tenant). */
  readonly modelsMonthly: number;
  /** Sorted by name, like costReport. */
  readonly tenants: readonly { readonly tenant: string; readonly ceilingMonthly: number; readonly tokensPerMinute: number }[];
}

export function tenantCostView(env: Environment, tenants: readonly Tenant[]): TenantCostView {
  const report = costReport(env, tenants);
  const tokens = new Map(tenants.map((t) => [t.name, t.rateLimits.tokensPerMinute]));
  return {
    prices: report.prices,
    modelsMonthly: report.modelsMonthly,
    tenants: report.tenants.map((t) => ({ tenant: t.tenant, ceilingMonthly: t.ceilingMonthly, tokensPerMinute: tokens.get(t.tenant)! })),
  };
}
