import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { everyEnvironment, fixtureEnvironments, named, objectsOf, ofKind } from '../support/synth.js';
import { REPO } from '../support/repo.js';
import { DESIGN_AGENT_ALERTS } from '../../src/observability/rules.js';

interface Rule { record?: string; alert?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }
type PrometheusRule = { spec: { groups: { name: string; rules: Rule[] }[] } };

const rulesOf = (charts: ReturnType<typeof everyEnvironment>[number]['charts']) =>
  ofKind<PrometheusRule>(objectsOf(charts, 'observability'), 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g) => g.rules));
const alert = (rules: Rule[], name: string) => rules.find((r) => r.alert === name)!;

describe('the design\'s agent alerts (fixture prod)', () => {
  const prod = fixtureEnvironments().find((e) => e.env === 'prod')!;
  const rules = rulesOf(prod.charts);

  it('fires AgentHighLatency when p99 exceeds 10 s for 5 minutes', () => {
    const r = alert(rules, 'AgentHighLatency');
    expect(DESIGN_AGENT_ALERTS.latencyP99Seconds).toBe(10);
    expect(r.expr).toMatch(/^histogram_quantile\(0\.99, sum by \(namespace, agent, le\) \(rate\(agent_request_duration_seconds_bucket\[5m\]\)\)\) > 10$/);
    expect(r.for).toBe('5m');
    expect(r.labels!.severity).toBe('warning');
  });

  it('fires AgentHighErrorRate when more than 5 % of requests fail for 5 minutes', () => {
    const r = alert(rules, 'AgentHighErrorRate');
    expect(r.expr).toMatch(/agent_request_errors_total\[5m\]\)\) \/ sum by \(namespace, agent\) \(rate\(agent_request_total\[5m\]\)\) > 0\.05$/);
    expect(r.for).toBe('5m');
    expect(r.labels!.severity).toBe('critical');
  });

  it('covers GPUs, model servers, gateways, Milvus, quotas and token budgets', () => {
    const names = new Set(rules.map((r) => r.alert).filter(Boolean));
    for (const a of ['GpuUtilizationSaturated', 'GpuMemoryNearlyFull', 'GpuXidError', 'VllmQueueDepthHigh', 'VllmKvCacheNearlyFull', 'AiGatewayHigh5xxRate',
      'ClientGatewayHigh5xxRate', 'AiGatewayRateLimiting', 'MilvusSearchLatencyHigh', 'TenantQuotaNearlyExhausted', 'TenantTokenBudgetBurn']) {
      expect(names.has(a), a).toBe(true);
    }
  });

  it('warns a tenant at 80 % of its own tokensPerMinute, labelled with the tenant', () => {
    const budgets = rules.filter((r) => r.alert === 'TenantTokenBudgetBurn');
    expect(budgets.map((r) => [r.labels!.tenant, r.expr])).toEqual([
      ['a', 'sum(tenant:gen_ai_tokens:rate5m{tenant="a"}) * 60 > 80000'],
      ['b', 'sum(tenant:gen_ai_tokens:rate5m{tenant="b"}) * 60 > 80000'],
    ]);
  });

  it('records each tenant\'s monthly ceiling from the cost report', () => {
    const ceilings = rules.filter((r) => r.record === 'tenant:cost_ceiling:monthly');
    expect(ceilings.map((r) => [r.labels!.tenant, r.expr])).toEqual([['a', 'vector(75701)'], ['b', 'vector(95496.264)']]);
  });

  it('records GPU-hours and tokens per tenant', () => {
    const records = new Set(rules.map((r) => r.record));
    for (const r of ['tenant:gpu_hours:30d', 'tenant:gen_ai_tokens:30d', 'tenant:cost_gpu:30d', 'tenant:cost_cpu_memory:30d', 'tenant:cost_shared_models:30d']) {
      expect(records.has(r), r).toBe(true);
    }
  });
});

describe.each(everyEnvironment())('alerts of $source/$env', ({ charts }) => {
  const runbooks = readFileSync(join(REPO, 'docs/runbooks.md'), 'utf8');

  it('gives every alert a severity, a summary and a runbook in docs/runbooks.md', () => {
    const alerts = rulesOf(charts).filter((r) => r.alert);
    expect(alerts.length).toBeGreaterThan(10);
    for (const a of alerts) {
      expect(a.labels!.severity, a.alert).toMatch(/^(info|warning|critical)$/);
      expect(a.annotations!.summary, a.alert).toBeTruthy();
      const url = a.annotations!.runbook_url;
      expect(url, a.alert).toMatch(/^https:\/\/.+\/blob\/.+\/docs\/runbooks\.md#[a-z0-9]+$/);
      expect(runbooks, a.alert).toContain(`## ${url.split('#')[1]}\n`);
    }
  });

  it('keeps the rules in observability, where Prometheus selects them', () => {
    const rule = named(objectsOf(charts, 'observability'), 'PrometheusRule', 'platform-alerts');
    expect(rule.metadata.namespace).toBe('observability');
  });
});
