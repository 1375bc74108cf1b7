import type { InputError } from './input-error.js';
import type { Loaded } from './cross-checks.js';
import type { Environment } from './schema/environment.js';
import type { Tenant, TenantQuota } from './schema/tenant.js';
import { formatBytes, formatCores, parseQuantity } from '../lib/quantity.js';

/**
 * A tenant that alone asks for more than an environment can ever give (GPUs beyond all GPU pools, CPU or memory
 * requests beyond the ai-agents quota, each times `capacity.overcommit`) is the tenant file's mistake: reported
 * there, at the quota field. What only the sum of several tenants exceeds stays an environment problem.
 */
export function tenantCapacityChecks(tenant: Loaded<Tenant>, env: Environment): InputError[] {
  const q = tenant.value.quota;
  const ratio = env.capacity.overcommit;
  const agents = env.quotas['ai-agents'];
  const rules: { field: keyof TenantQuota; asked: number; limit: number | undefined; what: string; fmt: (n: number) => string }[] = [
    {
      field: 'gpus',
      asked: q.gpus,
      limit: env.gpuPools.reduce((acc, p) => acc + p.gpuLimit, 0),
      what: `the GPU pools of environment "${env.name}" hold (${env.gpuPools.map((p) => `${p.name} ${p.gpuLimit}`).join(', ') || 'no GPU pools'})`,
      fmt: String,
    },
    {
      field: 'requestsCpu',
      asked: parseQuantity(q.requestsCpu),
      limit: agents.requestsCpu === undefined ? undefined : parseQuantity(agents.requestsCpu),
      what: `the ai-agents requestsCpu of environment "${env.name}" allows`,
      fmt: formatCores,
    },
    {
      field: 'requestsMemory',
      asked: parseQuantity(q.requestsMemory),
      limit: agents.requestsMemory === undefined ? undefined : parseQuantity(agents.requestsMemory),
      what: `the ai-agents requestsMemory of environment "${env.name}" allows`,
      fmt: formatBytes,
    },
  ];
  const errors: InputError[] = [];
  for (const r of rules) {
    if (r.limit === undefined || r.asked <= r.limit * ratio + 1e-9) continue;
    const over = ratio === 1 ? r.fmt(r.limit) : `${r.fmt(r.limit * ratio)} (${r.fmt(r.limit)} x overcommit ${ratio})`;
    const asked = tenant.source.written(['quota', r.field]) ?? String(q[r.field]);
    errors.push(tenant.source.errorAt(['quota', r.field], `${asked} is more than ${r.what}: at most ${over}; lower it, or ask for more capacity in environments/${env.name}.yaml`));
  }
  return errors;
}
