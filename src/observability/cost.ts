import type { Environment, Model } from '../config/schema/environment.js';
import type { Tenant } from '../config/schema/tenant.js';
import { GPU_INSTANCE_TYPES } from '../lib/gpu-instances.js';
import { parseQuantity } from '../lib/quantity.js';
import { worstCaseGpus } from '../policy/capacity.js';

const GIB = 1024 ** 3;

/** Hourly unit prices derived from the instance prices of an environment file. */
export interface UnitPrices {
  readonly currency: string;
  readonly hoursPerMonth: number;
  /**
   * Price of one GPU for an hour: the highest price per GPU among the GPU pools' instance types that have a price (a
   * ceiling: Karpenter may launch any of them). Undefined when none has a price.
   */
  readonly gpuHour?: number;
  /** Price of one vCPU for an hour, and of one GiB of memory for an hour, at `cost.cpuInstance`. Undefined without it. */
  readonly vcpuHour?: number;
  readonly memoryGiBHour?: number;
}

/** The highest price per GPU-hour among these instance types that have a price, if any. */
export function gpuHourPrice(env: Environment, instanceTypes: readonly string[]): number | undefined {
  const perGpu = instanceTypes.flatMap((t) => {
    const price = env.observability.cost.instancePrices[t];
    const shape = GPU_INSTANCE_TYPES[t];
    return price !== undefined && shape ? [price / shape.gpus] : [];
  });
  return perGpu.length > 0 ? Math.max(...perGpu) : undefined;
}

/** Unit prices of an environment; fails when cost.cpuInstance names an instance type without a price. */
export function unitPrices(env: Environment): UnitPrices {
  const { cost } = env.observability;
  const cpu = cost.cpuInstance;
  const cpuPrice = cpu ? cost.instancePrices[cpu.type] : undefined;
  if (cpu && cpuPrice === undefined) {
    throw new Error(
      `environments/${env.name}.yaml observability.cost.cpuInstance.type: "${cpu.type}" has no price; add it under observability.cost.instancePrices`,
    );
  }
  return {
    currency: cost.currency,
    hoursPerMonth: cost.hoursPerMonth,
    gpuHour: gpuHourPrice(env, [...new Set(env.gpuPools.flatMap((p) => p.instanceTypes))].sort()),
    vcpuHour: cpu && cpuPrice !== undefined ? cpuPrice / cpu.vcpus : undefined,
    memoryGiBHour: cpu && cpuPrice !== undefined ? cpuPrice / cpu.memoryGiB : undefined,
  };
}

/** What one tenant may cost at most in a month, and its share of what the platform shares. */
export interface TenantCost {
  readonly tenant: string;
  readonly costCenter?: string;
  readonly gpus: number;
  readonly limitsCpu: number;
  readonly limitsMemoryGiB: number;
  /** GPUs of its quota, all month, at the GPU-hour price. */
  readonly gpuMonthly: number;
  /**
   * Its CPU and memory limits, all month: the larger of CPU at the vCPU price and memory at the GiB price (the
   * resource it needs more instances for decides how many it needs).
   */
  readonly cpuMemoryMonthly: number;
  /** Its share of the shared CPU capacity (tenant CPU requests / the ai-agents CPU request quota) and of the GPU pools' limits. */
  readonly cpuShare: number;
  readonly gpuShare: number;
  /** Its share of the shared model servers: its tokens per minute over every tenant's of the environment. */
  readonly modelShare: number;
  /** That share of the model servers at their worst case (every model at maxReplicas plus canaries, all month). */
  readonly sharedModelsMonthly: number;
  /** gpuMonthly + cpuMemoryMonthly + sharedModelsMonthly. */
  readonly ceilingMonthly: number;
}

export interface CostReport {
  readonly env: string;
  readonly prices: UnitPrices;
  /** The model servers' worst case for a month (shared by every tenant). */
  readonly modelsMonthly: number;
  readonly tenants: readonly TenantCost[];
}

/** A model's GPUs at its worst case, all month, at the price of the instances it may run on. */
export function modelMonthly(env: Environment, model: Model, hoursPerMonth: number): number {
  const pool = env.gpuPools.find((p) => p.name === model.gpuPool);
  const price = gpuHourPrice(env, model.instanceTypes ?? pool?.instanceTypes ?? []) ?? 0;
  return worstCaseGpus(model) * price * hoursPerMonth;
}

const amount = (q: string | number | undefined) => (q === undefined ? 0 : parseQuantity(q));

/** The monthly ceilings the quotas allow, per tenant of the environment (sorted by name). */
export function costReport(env: Environment, tenants: readonly Tenant[]): CostReport {
  const prices = unitPrices(env);
  const hours = prices.hoursPerMonth;
  const modelsMonthly = env.models.reduce((sum, m) => sum + modelMonthly(env, m, hours), 0);
  const totalTokens = tenants.reduce((sum, t) => sum + t.rateLimits.tokensPerMinute, 0);
  const sharedCpu = amount(env.quotas['ai-agents'].requestsCpu);
  const poolGpus = env.gpuPools.reduce((sum, p) => sum + p.gpuLimit, 0);
  const rows = [...tenants]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t): TenantCost => {
      const gpus = t.quota.gpus ?? 0;
      const limitsCpu = amount(t.quota.limitsCpu ?? t.quota.requestsCpu);
      const limitsMemoryGiB = amount(t.quota.limitsMemory ?? t.quota.requestsMemory) / GIB;
      const gpuMonthly = gpus * (prices.gpuHour ?? 0) * hours;
      const cpuMemoryMonthly = Math.max(limitsCpu * (prices.vcpuHour ?? 0), limitsMemoryGiB * (prices.memoryGiBHour ?? 0)) * hours;
      const modelShare = totalTokens > 0 ? t.rateLimits.tokensPerMinute / totalTokens : 0;
      const sharedModelsMonthly = modelShare * modelsMonthly;
      return {
        tenant: t.name,
        costCenter: t.costCenter,
        gpus,
        limitsCpu,
        limitsMemoryGiB,
        gpuMonthly,
        cpuMemoryMonthly,
        cpuShare: sharedCpu > 0 ? amount(t.quota.requestsCpu) / sharedCpu : 0,
        gpuShare: poolGpus > 0 ? gpus / poolGpus : 0,
        modelShare,
        sharedModelsMonthly,
        ceilingMonthly: gpuMonthly + cpuMemoryMonthly + sharedModelsMonthly,
      };
    });
  return { env: env.name, prices, modelsMonthly, tenants: rows };
}

const money = (n: number) => n.toFixed(2);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** The report as a Markdown table. */
export function costMarkdown(report: CostReport): string {
  const { prices } = report;
  const unit = (n: number | undefined, what: string) => (n === undefined ? `no ${what} price` : `${n.toFixed(4)} ${prices.currency}/${what}-hour`);
  const lines = [
    `# Monthly cost ceilings, ${report.env} (${prices.hoursPerMonth} h, ${prices.currency})`,
    '',
    `Prices: ${unit(prices.gpuHour, 'GPU')}, ${unit(prices.vcpuHour, 'vCPU')}, ${unit(prices.memoryGiBHour, 'GiB')}. ` +
      `Shared model servers at their worst case: ${money(report.modelsMonthly)} ${prices.currency}/month.`,
    '',
    '| tenant | cost center | GPUs | GPU / month | CPU+memory / month | CPU share | GPU share | model share | shared models / month | ceiling / month |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.tenants.map((t) =>
      `| ${t.tenant} | ${t.costCenter ?? ''} | ${t.gpus} | ${money(t.gpuMonthly)} | ${money(t.cpuMemoryMonthly)} | ${pct(t.cpuShare)} | ${pct(t.gpuShare)} | ${pct(t.modelShare)} | ${money(t.sharedModelsMonthly)} | ${money(t.ceilingMonthly)} |`,
    ),
    '',
    'Ceiling: the tenant\'s GPU quota and CPU/memory limits used all month, plus its share (tokens per minute) of the ' +
      'model servers at maxReplicas. Actual spend: the Cost dashboard (recording rules tenant:*).',
  ];
  return lines.join('\n');
}
