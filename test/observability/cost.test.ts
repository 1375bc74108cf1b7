import { describe, expect, it } from 'vitest';
import { fixtureInput } from '../support/synth.js';
import { tenantsOf } from '../../src/config/platform-input.js';
import { costMarkdown, costReport, unitPrices } from '../../src/observability/cost.js';
import type { Environment } from '../../src/config/schema/environment.js';

const env = (name: string) => fixtureInput().environments.find((e) => e.name === name)!;
const reportOf = (name: string) => costReport(env(name), tenantsOf(fixtureInput(), env(name)));

describe('cost report of the fixture tenants', () => {
  it('prices a GPU-hour at the dearest GPU of the pools, and vCPU and GiB at the CPU instance', () => {
    // prod: p5.48xlarge 55.04 / 8 GPUs; m7i.4xlarge 0.8064 / 16 vCPUs and / 64 GiB.
    expect(unitPrices(env('prod'))).toEqual({ currency: 'USD', hoursPerMonth: 730, gpuHour: 6.88, vcpuHour: 0.0504, memoryGiBHour: 0.0126 });
  });

  it('gives prod tenant a its ceiling: 4 GPUs, 40 CPU limits and half the shared model servers', () => {
    const a = reportOf('prod').tenants.find((t) => t.tenant === 'a')!;
    expect(a.gpuMonthly).toBeCloseTo(4 * 6.88 * 730, 6); // 20089.60
    expect(a.cpuMemoryMonthly).toBeCloseTo(40 * 0.0504 * 730, 6); // CPU (2.016/h) outweighs 80Gi of memory (1.008/h)
    expect(a.modelShare).toBe(0.5); // 100000 of 200000 tokens per minute
    // Models at worst case: llama 16 GPUs x 6.88, qwen 8 x 2.036 (g5.48xlarge), mixtral 8 x 2.745 (p4d), all month.
    expect(reportOf('prod').modelsMonthly).toBeCloseTo((16 * 6.88 + 8 * 2.036 + 8 * 2.745) * 730, 6); // 108279.44
    expect(a.ceilingMonthly).toBeCloseTo(75701.0, 2);
    expect(a.cpuShare).toBe(0.4); // 20 of the ai-agents' 50 CPU requests
    expect(a.gpuShare).toBeCloseTo(4 / 96, 9); // of the pools' 64 + 32 GPUs
  });

  it('gives prod tenant b its ceiling: 8 GPUs and 32 CPU limits', () => {
    const b = reportOf('prod').tenants.find((t) => t.tenant === 'b')!;
    expect(b.gpuMonthly).toBeCloseTo(40179.2, 6);
    expect(b.cpuMemoryMonthly).toBeCloseTo(1177.344, 6);
    expect(b.ceilingMonthly).toBeCloseTo(95496.264, 6);
  });

  it('puts only tenant a in dev, with the whole of the shared model servers', () => {
    const report = reportOf('dev');
    expect(report.tenants.map((t) => [t.tenant, t.modelShare])).toEqual([['a', 1]]);
  });

  it('prints one table row per tenant with its cost center and ceiling', () => {
    const lines = costMarkdown(reportOf('prod')).split('\n');
    expect(lines).toContain('| a | cc-1001 | 4 | 20089.60 | 1471.68 | 40.0% | 4.2% | 50.0% | 54139.72 | 75701.00 |');
    expect(lines).toContain('| b | cc-2002 | 8 | 40179.20 | 1177.34 | 32.0% | 8.3% | 50.0% | 54139.72 | 95496.26 |');
  });

  it('fails when the CPU instance has no price, naming the file and the fix', () => {
    const prod = env('prod');
    const broken: Environment = { ...prod, observability: { ...prod.observability, cost: { ...prod.observability.cost, cpuInstance: { type: 'm7i.8xlarge', vcpus: 32, memoryGiB: 128 } } } };
    expect(() => unitPrices(broken)).toThrow('environments/prod.yaml observability.cost.cpuInstance.type: "m7i.8xlarge" has no price; add it under observability.cost.instancePrices');
  });

  it('reports no price instead of inventing one when an environment declares none', () => {
    const prod = env('prod');
    const unpriced: Environment = { ...prod, observability: { ...prod.observability, cost: { currency: 'USD', hoursPerMonth: 730, instancePrices: {} } } };
    const report = costReport(unpriced, tenantsOf(fixtureInput(), prod));
    expect(report.prices.gpuHour).toBeUndefined();
    expect(costMarkdown(report)).toContain('no GPU price');
  });
});
