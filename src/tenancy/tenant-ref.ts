import type { Environment, Cluster } from '../config/schema/environment.js';
import type { Tenant } from '../config/schema/tenant.js';
import { TENANT_LABEL } from '../lib/labels.js';
import { tenantNamespace } from '../lib/names.js';

/** Where a tenant's pods may run when it is isolated at node level. */
export interface TenantPlacement {
  readonly nodeSelector: Record<string, string>;
  readonly tolerations: readonly { key: string; operator: 'Equal'; value: string; effect: 'NoSchedule' }[];
}

/** What other charts need to know about a tenant: plain data, never constructs. */
export interface TenantRef {
  readonly name: string;
  readonly namespace: string;
  /** The cluster its manifests go to (the shared one unless isolation is "cluster"). */
  readonly cluster: Cluster;
  /** Set for isolation level "node": every pod of the tenant must carry it. */
  readonly placement?: TenantPlacement;
}

export function tenantRef(tenant: Tenant, env: Environment): TenantRef {
  const cluster =
    tenant.isolation.level === 'cluster' ? env.clusters.find((c) => c.name === tenant.isolation.cluster)! : env.clusters[0];
  return {
    name: tenant.name,
    namespace: tenantNamespace(tenant.name),
    cluster,
    placement:
      tenant.isolation.level === 'node'
        ? {
            nodeSelector: { [TENANT_LABEL]: tenant.name },
            tolerations: [{ key: TENANT_LABEL, operator: 'Equal', value: tenant.name, effect: 'NoSchedule' }],
          }
        : undefined,
  };
}
