import { describe, expect, it } from 'vitest';
import { everyEnvironment, objectsOf, ofKind } from '../support/synth.js';

type ConfigMap = { data: Record<string, string> };
interface Panel { id: number; type: string; title: string; gridPos: { h: number; w: number; x: number; y: number }; targets: { refId: string; expr: string }[] }
interface Dashboard { uid: string; title: string; schemaVersion: number; panels: Panel[]; templating: { list: { name: string; type: string; query?: unknown; multi?: boolean; includeAll?: boolean }[] } }

describe.each(everyEnvironment())('Grafana dashboards of $source/$env', ({ charts }) => {
  const maps = ofKind<ConfigMap>(objectsOf(charts, 'observability'), 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
  const dashboards = maps.flatMap((c) => Object.entries(c.data).map(([file, json]) => ({ file, d: JSON.parse(json) as Dashboard })));

  it('provisions the design\'s four dashboards through the sidecar label, one JSON file each, named by uid', () => {
    expect(dashboards.map(({ d }) => d.title).sort()).toEqual(['Agent Overview', 'Cost per tenant', 'LLM Performance', 'Resource Usage']);
    for (const { file, d } of dashboards) expect(file).toBe(`${d.uid}.json`);
  });

  it('gives every dashboard a multi-value tenant variable with "All"', () => {
    for (const { d } of dashboards) {
      const tenant = d.templating.list.find((v) => v.name === 'tenant');
      expect(tenant, d.uid).toMatchObject({ type: 'query', multi: true, includeAll: true });
      expect(d.panels.some((p) => p.targets.some((t) => t.expr.includes('$tenant'))), d.uid).toBe(true);
    }
  });

  it('is valid dashboard JSON: unique uid, schemaVersion, panels with unique ids, grid positions and targets', () => {
    expect(new Set(dashboards.map(({ d }) => d.uid)).size).toBe(dashboards.length);
    for (const { d } of dashboards) {
      expect(d.uid).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(d.schemaVersion).toBeGreaterThanOrEqual(36);
      expect(new Set(d.panels.map((p) => p.id)).size).toBe(d.panels.length);
      for (const p of d.panels) {
        expect(['timeseries', 'stat', 'bargauge']).toContain(p.type);
        expect(p.gridPos.w).toBeGreaterThan(0);
        expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
        expect(p.targets.length).toBeGreaterThan(0);
        expect(new Set(p.targets.map((t) => t.refId)).size).toBe(p.targets.length);
      }
    }
  });
});
