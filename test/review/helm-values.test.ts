import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plannedAddons } from '../../src/app.js';
import type { HelmAddon } from '../../src/addons/helm-addon.js';
import { KEDA } from '../../src/addons/keda.js';
import { ISTIOD } from '../../src/addons/istio.js';
import { chartName, defaultValues, helmValuesProblems, unknownKeys, VENDORED_VALUES } from '../../src/argocd/helm-values.js';
import { fixtureInput, repoInput } from '../support/synth.js';
import { REPO } from '../support/repo.js';

describe('Helm values are checked against the chart version’s default values', () => {
  it('fails on a typo, naming the add-on, chart, version and key, with the closest key', () => {
    const typo: HelmAddon = { ...KEDA, values: { ...KEDA.values, resourses: { operator: {} } } };
    expect(helmValuesProblems([typo])).toEqual([
      'add-on keda: values key "resourses" is not a value of chart keda@2.21.1 (did you mean "resources"?); Helm would ignore it',
    ]);
  });

  it('fails on a key at the wrong level (kgateway reads resources at the top, not under controller)', () => {
    const kgateway: HelmAddon = { name: 'kgateway', namespace: 'x', repoURL: 'oci://cr.kgateway.dev/kgateway-dev/charts/kgateway', version: 'v2.4.3', wave: 0, values: { controller: { resources: {} } } };
    expect(helmValuesProblems([kgateway])).toEqual(['add-on kgateway: values key "controller.resources" is not a value of chart kgateway@v2.4.3; Helm would ignore it']);
  });

  it('fails on a pinned version without vendored values, saying what to add', () => {
    const next: HelmAddon = { ...KEDA, version: '9.9.9' };
    expect(helmValuesProblems([next])[0]).toMatch(/^add-on keda: chart keda@9\.9\.9 has no vendored default values; add vendor\/helm-values\/keda\/9\.9\.9\/values\.yaml/);
  });

  it("accepts anything below free-form defaults and Kubernetes structures, and istiod's legacy pilot. prefix", () => {
    expect(unknownKeys({ a: { any: 1 }, b: { c: 2 }, resources: { limits: { cpu: '1' } } }, { a: {}, b: null, resources: { requests: null } })).toEqual([]);
    expect(unknownKeys({ a: { x: 1 } }, { a: { y: null } })).toEqual(['a.x']);
    expect(helmValuesProblems([ISTIOD])).toEqual([]);
    expect(helmValuesProblems([{ ...ISTIOD, values: { pilot: { cni: { enabeld: true } } } }])).toEqual([
      'add-on istiod: values key "pilot.cni.enabeld" is not a value of chart istiod@1.30.3 (did you mean "pilot.cni.enabled"?); Helm would ignore it',
    ]);
  });

  it("checks keys under a declared sub-chart against the sub-chart's own defaults, and accepts free-form maps", () => {
    const kps = (values: Record<string, unknown>): HelmAddon => ({ name: 'kube-prometheus-stack', namespace: 'x', repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '88.5.3', wave: 0, values });
    // Keys only grafana's and kube-state-metrics' own defaults have, and any section of grafana.ini.
    expect(helmValuesProblems([kps({ grafana: { envValueFrom: {}, sidecar: { resources: {} }, 'grafana.ini': { 'auth.generic_oauth': { enabled: true } } }, 'kube-state-metrics': { metricLabelsAllowlist: [] } })])).toEqual([]);
    // A typo under a sub-chart is still caught, with the sub-chart's closest key.
    expect(helmValuesProblems([kps({ grafana: { sidecar: { dashboard: {} } }, 'kube-state-metrics': { metricLabelsAllowList: [] } })])).toEqual([
      'add-on kube-prometheus-stack: values key "grafana.sidecar.dashboard" is not a value of chart kube-prometheus-stack@88.5.3 (did you mean "grafana.sidecar.dashboards"?); Helm would ignore it',
      'add-on kube-prometheus-stack: values key "kube-state-metrics.metricLabelsAllowList" is not a value of chart kube-prometheus-stack@88.5.3 (did you mean "kube-state-metrics.metricLabelsAllowlist"?); Helm would ignore it',
    ]);
    // Without the sub-chart's vendored values, the parent's defaults alone do not list them.
    const parentOnly = defaultValues('kube-prometheus-stack', '88.5.3')!;
    expect(unknownKeys({ grafana: { envValueFrom: {} } }, parentOnly)).toEqual(['grafana.envValueFrom']);
    // A declared sub-chart with no vendored values is a problem, not a silent pass.
    const trees = { 'kube-prometheus-stack/88.5.3': parentOnly };
    expect(helmValuesProblems([kps({})], trees)).toEqual([
      'add-on kube-prometheus-stack: chart kube-prometheus-stack@88.5.3: sub-chart kube-state-metrics@8.4.0 (values key "kube-state-metrics") has no vendored default values',
      'add-on kube-prometheus-stack: chart kube-prometheus-stack@88.5.3: sub-chart grafana@12.11.1 (values key "grafana") has no vendored default values',
    ]);
  });

  it('every declared sub-chart has vendored values', () => {
    for (const [id, v] of Object.entries(VENDORED_VALUES))
      for (const sub of Object.values(v.subcharts ?? {})) {
        const entry = VENDORED_VALUES[sub];
        expect(entry, `${id} -> ${sub}`).toBeDefined();
        expect(defaultValues(sub.slice(0, sub.lastIndexOf('@')), entry.version), `${id} -> ${sub}`).toBeDefined();
      }
  });

  it('the key trees in imports/ are those of the vendored files (npm run generate)', () => {
    const dir = join(REPO, 'vendor/helm-values');
    for (const chart of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      for (const version of readdirSync(join(dir, chart.name))) {
        const text = readFileSync(join(dir, chart.name, version, 'values.yaml'), 'utf8');
        const tree = defaultValues(chart.name, version)!;
        expect(tree, `${chart.name}/${version}`).toBeDefined();
        // Every top-level key of the file (or of Istio's internal defaults) is in the tree.
        for (const key of text.match(/^[A-Za-z][\w-]*(?=:)/gm) ?? []) if (key !== '_internal_defaults_do_not_set') expect(tree, `${chart.name}/${version} ${key}`).toHaveProperty([key]);
      }
    }
  });
});

describe('Helm values of every environment (invariants)', () => {
  it.each([
    ['the fixture', fixtureInput()],
    ['the repository', repoInput()],
  ])('every Helm add-on of every environment of %s, as planned with its tenants, has vendored values and only keys its chart has', (_, input) => {
    for (const env of input.environments) {
      const addons = plannedAddons(input, env).map((a) => a.addon);
      expect(helmValuesProblems(addons), env.name).toEqual([]);
      for (const addon of addons.filter((a) => !a.directory)) expect(VENDORED_VALUES[`${chartName(addon)}@${addon.version}`], addon.name).toBeDefined();
    }
  });
});
