import type { Environment, Model } from '../config/schema/environment.js';
import type { Tenant } from '../config/schema/tenant.js';
import { formatBytes, formatCores, parseQuantity } from '../lib/quantity.js';

/** One capacity rule that the tenants of an environment break together. */
export interface CapacityProblem {
  readonly environment: string;
  readonly message: string;
}

/**
 * Checks that the tenants of an environment fit what it provides, within `capacity.overcommit`:
 * - tenant CPU and memory requests together fit the agents layer's requests (tenant workloads are agents);
 * - tenant GPUs plus the ai-inference layer's GPUs fit the GPU NodePools' limits.
 * Every problem names the tenants and the numbers, so the fix (lower a quota, raise a limit) is obvious.
 */
export function checkCapacity(env: Environment, tenants: readonly Tenant[]): CapacityProblem[] {
  const problems: CapacityProblem[] = [];
  const ratio = env.capacity.overcommit;
  const agents = env.quotas['ai-agents'];
  // A fleet's message names the first ten tenants and counts the rest, instead of listing thousands.
  const each = (f: (t: Tenant) => number, fmt: (n: number) => string) => {
    const shown = tenants.slice(0, 10).map((t) => `${t.name} ${fmt(f(t))}`);
    return [...shown, ...(tenants.length > 10 ? [`and ${tenants.length - 10} more`] : [])].join(', ');
  };
  const sum = (f: (t: Tenant) => number) => tenants.reduce((acc, t) => acc + f(t), 0);

  const rules: { what: string; total: number; parts: string; limit?: number; limitText: string; fix: string; fmt: (n: number) => string }[] = [];
  if (agents.requestsCpu !== undefined) {
    const f = (t: Tenant) => parseQuantity(t.quota.requestsCpu);
    rules.push({ what: 'tenant CPU requests', total: sum(f), parts: each(f, formatCores), limit: parseQuantity(agents.requestsCpu), limitText: 'ai-agents requestsCpu', fix: 'quotas.ai-agents.requestsCpu', fmt: formatCores });
  }
  if (agents.requestsMemory !== undefined) {
    const f = (t: Tenant) => parseQuantity(t.quota.requestsMemory);
    rules.push({ what: 'tenant memory requests', total: sum(f), parts: each(f, formatBytes), limit: parseQuantity(agents.requestsMemory), limitText: 'ai-agents requestsMemory', fix: 'quotas.ai-agents.requestsMemory', fmt: formatBytes });
  }
  const poolGpus = env.gpuPools.reduce((acc, p) => acc + p.gpuLimit, 0);
  const tenantGpus = sum((t) => t.quota.gpus);
  const models = env.models.map((m) => ({ name: m.name, pool: m.gpuPool, gpus: worstCaseGpus(m) }));
  const modelGpus = models.reduce((acc, m) => acc + m.gpus, 0);
  const modelParts = models.map((m) => `${m.name} ${m.gpus}`).join(', ');
  rules.push({
    what: `worst-case GPUs (models ${modelGpus} + tenants ${tenantGpus})`,
    total: modelGpus + tenantGpus,
    parts: [modelParts, each((t) => t.quota.gpus, String)].filter(Boolean).join('; '),
    limit: poolGpus,
    limitText: `GPU pool limits (${env.gpuPools.map((p) => `${p.name} ${p.gpuLimit}`).join(', ') || 'no pools'})`,
    fix: 'gpuPools[].gpuLimit',
    fmt: String,
  });
  for (const r of rules) {
    if (r.limit === undefined) continue;
    const allowed = r.limit * ratio;
    if (r.total > allowed + 1e-9) {
      problems.push({
        environment: env.name,
        message: `${r.what} total ${r.fmt(r.total)} (${r.parts || 'no tenants'}) exceed ${ratio} x ${r.limitText} ${r.fmt(r.limit)} = ${r.fmt(allowed)}; lower tenant quotas, or raise ${r.fix} or capacity.overcommit in environments/${env.name}.yaml`,
      });
    }
  }
  // Hard limits, no overcommit: Karpenter never grows a pool past its limit, and the quota rejects extra pods.
  const inference = env.quotas['ai-inference'];
  for (const [what, key, need, fmt] of [
    ['CPU', 'requestsCpu', (m: Model) => parseQuantity(m.cpu), formatCores],
    ['memory', 'requestsMemory', (m: Model) => parseQuantity(m.memory), formatBytes],
  ] as const) {
    const limit = inference[key];
    if (limit === undefined) continue;
    const perModel = env.models.map((m) => ({ name: m.name, total: worstCaseReplicas(m) * need(m) }));
    const total = perModel.reduce((acc, m) => acc + m.total, 0);
    if (total > parseQuantity(limit)) {
      problems.push({
        environment: env.name,
        message: `worst-case model ${what} requests total ${fmt(total)} (${perModel.map((m) => `${m.name} ${fmt(m.total)}`).join(', ')}) exceed the ai-inference quota ${key} ${fmt(parseQuantity(limit))}; lower models[].maxReplicas or their ${what === 'CPU' ? 'cpu' : 'memory'}, or raise quotas.ai-inference.${key} in environments/${env.name}.yaml`,
      });
    }
  }
  const inferenceQuota = inference.gpus;
  if (inferenceQuota !== undefined && modelGpus > inferenceQuota) {
    problems.push({
      environment: env.name,
      message: `worst-case model GPUs total ${modelGpus} (${modelParts}) exceed the ai-inference quota of ${inferenceQuota} GPUs; lower models[].maxReplicas, or raise quotas.ai-inference.gpus in environments/${env.name}.yaml`,
    });
  }
  for (const pool of env.gpuPools) {
    const onPool = models.filter((m) => m.pool === pool.name);
    const total = onPool.reduce((acc, m) => acc + m.gpus, 0);
    if (total > pool.gpuLimit) {
      problems.push({
        environment: env.name,
        message: `worst-case GPUs of the models on pool ${pool.name} total ${total} (${onPool.map((m) => `${m.name} ${m.gpus}`).join(', ')}) exceed its gpuLimit ${pool.gpuLimit}; lower models[].maxReplicas or raise the pool's gpuLimit in environments/${env.name}.yaml`,
      });
    }
  }
  return problems;
}

/** Replicas a model runs at most: maxReplicas, plus its one-replica canary. */
export function worstCaseReplicas(m: Model): number {
  return m.maxReplicas + (m.canary ? 1 : 0);
}

/** GPUs a model holds at most. */
export function worstCaseGpus(m: Model): number {
  return worstCaseReplicas(m) * m.gpusPerReplica;
}
