/** Label keys and values shared by every chart. Selectors never use these: they may change without a redeploy. */

/** Prefix of the platform's own label keys. */
export const LABEL_DOMAIN = 'platform.agentic.io';

export const LAYER_LABEL = `${LABEL_DOMAIN}/layer`;
export const TENANT_LABEL = `${LABEL_DOMAIN}/tenant`;
export const COST_CENTER_LABEL = `${LABEL_DOMAIN}/cost-center`;
export const ENVIRONMENT_LABEL = `${LABEL_DOMAIN}/environment`;

export const PART_OF = 'agentic-platform';
export const MANAGED_BY = 'agentic-platform-gitops';

/** The platform layers; each owns one namespace of the same name (observability keeps the design's short name). */
export type Layer = 'base' | 'gateway' | 'agents' | 'inference' | 'data' | 'observability' | 'mesh' | 'argocd' | 'tenant';

/** Labels every object of a chart carries. */
export function commonLabels(layer: Layer, environment: string): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    [LAYER_LABEL]: layer,
    [ENVIRONMENT_LABEL]: environment,
  };
}

/** The tenant and, when it declares one, its cost center: on every object that belongs to a tenant. */
export function tenantOwnLabels(tenant: { name: string; costCenter?: string }): Record<string, string> {
  return { [TENANT_LABEL]: tenant.name, ...(tenant.costCenter ? { [COST_CENTER_LABEL]: tenant.costCenter } : {}) };
}

/** Labels of every object of a tenant chart. */
export function tenantLabels(tenant: { name: string; costCenter?: string }, environment: string): Record<string, string> {
  return { ...commonLabels('tenant', environment), ...tenantOwnLabels(tenant) };
}
