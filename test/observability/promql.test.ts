import { describe, expect, it } from 'vitest';
import { parsePromQL } from '../support/promql.js';
import { everyEnvironment, objectsOf, ofKind } from '../support/synth.js';
import { producedMetrics, METRIC_PRODUCERS } from '../../src/observability/metrics-catalog.js';
import { DASHBOARDS, TENANT_VARIABLE_QUERY } from '../../src/observability/dashboards.js';

interface Rule { record?: string; alert?: string; expr: string }
type PrometheusRule = { spec: { groups: { name: string; rules: Rule[] }[] } };
type ScaledObject = { spec: { triggers: { type: string; metadata: { query?: string } }[] } };
type DashboardConfigMap = { data: Record<string, string> };

/** Every PromQL expression of one synthesized environment, with where it is. */
function expressionsOf(charts: ReturnType<typeof everyEnvironment>[number]['charts']): { where: string; expr: string }[] {
  const objects = objectsOf(charts);
  const rules = ofKind<PrometheusRule>(objects, 'PrometheusRule').flatMap((r) =>
    r.spec.groups.flatMap((g) => g.rules.map((rule) => ({ where: `${r.metadata.name}/${g.name}/${rule.record ?? rule.alert}`, expr: rule.expr }))),
  );
  const triggers = ofKind<ScaledObject>(objects, 'ScaledObject').flatMap((s) =>
    s.spec.triggers.filter((t) => t.type === 'prometheus').map((t) => ({ where: `ScaledObject ${s.metadata.name}`, expr: t.metadata.query! })),
  );
  const panels = ofKind<DashboardConfigMap>(objects, 'ConfigMap')
    .filter((c) => c.metadata.labels?.grafana_dashboard === '1')
    .flatMap((c) =>
      Object.values(c.data).flatMap((json) => {
        const d = JSON.parse(json) as { uid: string; panels: { title: string; targets: { expr: string }[] }[] };
        return d.panels.flatMap((p) => p.targets.map((t) => ({ where: `dashboard ${d.uid} "${p.title}"`, expr: t.expr })));
      }),
    );
  return [...rules, ...triggers, ...panels];
}

/** Names recorded by the environment's recording rules: produced by Prometheus itself. */
function recordedMetrics(charts: ReturnType<typeof everyEnvironment>[number]['charts']): Set<string> {
  return new Set(
    ofKind<PrometheusRule>(objectsOf(charts), 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g) => g.rules.flatMap((rule) => (rule.record ? [rule.record] : [])))),
  );
}

describe('the PromQL parser the tests use', () => {
  it('accepts valid PromQL and lists its metrics', () => {
    expect(parsePromQL('sum by (a) (rate(x_total{a="b"}[5m])) / sum(vllm:num_requests_waiting) > 0.05')).toEqual({
      errors: [],
      metrics: ['x_total', 'vllm:num_requests_waiting'],
    });
  });

  it('fails on invalid PromQL', () => {
    expect(parsePromQL('sum by (a) rate(x[5m]').errors).not.toEqual([]);
    expect(parsePromQL('rate(x[5m]) >').errors).not.toEqual([]);
    expect(parsePromQL('x{a="b"').errors).not.toEqual([]);
  });
});

describe.each(everyEnvironment())('PromQL of $source/$env', ({ charts }) => {
  const expressions = expressionsOf(charts);
  const produced = new Set([...producedMetrics(), ...recordedMetrics(charts)]);

  it('has rules, KEDA triggers and dashboards to check', () => {
    expect(expressions.some((e) => e.where.startsWith('platform-alerts'))).toBe(true);
    expect(expressions.some((e) => e.where.startsWith('dashboard'))).toBe(true);
    // Every Prometheus trigger of every ScaledObject (model servers: queue depth and GPU utilization; agents: request rate).
    const prometheusTriggers = ofKind<{ spec: { triggers: { type: string }[] } }>(objectsOf(charts), 'ScaledObject')
      .flatMap((o) => o.spec.triggers)
      .filter((t) => t.type === 'prometheus').length;
    expect(prometheusTriggers).toBeGreaterThan(0);
    expect(expressions.filter((e) => e.where.startsWith('ScaledObject')).length).toBe(prometheusTriggers);
  });

  it('parses every expression (rules, KEDA triggers, dashboard panels)', () => {
    const bad = expressions.map((e) => ({ ...e, errors: parsePromQL(e.expr).errors })).filter((e) => e.errors.length > 0);
    expect(bad).toEqual([]);
  });

  it('names only metrics that a component we deploy exposes or that our recording rules record', () => {
    const unknown = expressions.flatMap((e) => parsePromQL(e.expr).metrics.filter((m) => !produced.has(m)).map((m) => `${e.where}: ${m}`));
    expect(unknown).toEqual([]);
  });
});

describe('dashboard variables and the metric catalog', () => {
  it('parses the tenant variable\'s series selector and knows its metric', () => {
    const selector = /^label_values\((.*), [a-z_]+\)$/.exec(TENANT_VARIABLE_QUERY)![1];
    const parsed = parsePromQL(selector);
    expect(parsed.errors).toEqual([]);
    expect(parsed.metrics.every((m) => producedMetrics().has(m))).toBe(true);
  });

  it('gives every catalog entry a source and no metric twice', () => {
    for (const p of METRIC_PRODUCERS) expect(p.source.length, p.component).toBeGreaterThan(10);
    const all = METRIC_PRODUCERS.flatMap((p) => p.metrics);
    expect(all.length).toBe(new Set(all).size);
  });

  it('has the design\'s four dashboards', () => {
    expect(DASHBOARDS.map((d) => d.title)).toEqual(['Agent Overview', 'LLM Performance', 'Resource Usage', 'Cost per tenant']);
  });
});
