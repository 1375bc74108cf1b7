import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChartOutput, KubeObject } from '../../src/app.js';
import { environmentAddons } from '../../src/addons/environment-addons.js';
import { ADDON_LABEL, BOOTSTRAP_LABEL } from '../../src/lib/argocd-names.js';
import { everyEnvironment, fixtureEnvironments, fixtureInput, objectsOf, ofKind, repoEnvironments, repoInput } from '../support/synth.js';
import { readInput, REPO, useScratchRepo, writeInput } from '../support/repo.js';
import { loadInput } from '../../src/config/load.js';
import { synthesizeEnvironment } from '../../src/app.js';
import type { Environment } from '../../src/config/schema/environment.js';

interface Application {
  metadata: { name: string; annotations: Record<string, string>; labels?: Record<string, string> };
  spec: { project: string; destination: { server: string }; source: { repoURL: string; path?: string; chart?: string; targetRevision: string } };
}

/** apiVersion/Kind of every kind built into Kubernetes 1.33 (generated from its OpenAPI types). */
const BUILT_IN = new Set(Object.keys((JSON.parse(readFileSync(join(REPO, 'imports/k8s-fields.json'), 'utf8')) as { kinds: object }).kinds));
const isCustomResource = (o: KubeObject) => !BUILT_IN.has(`${o.apiVersion}/${o.kind}`);
const groupOf = (o: KubeObject) => (o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '');
const wave = (o: { metadata: { annotations?: Record<string, string> } }) => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
const ARGO_KINDS = ['Application', 'AppProject'];

/** The Applications that deploy a chart folder of this environment. */
function deployersOf(env: string, apps: readonly Application[], chart: ChartOutput): Application[] {
  return apps.filter((a) => a.spec.source.path === `dist/${env}/${chart.id}`);
}

/**
 * For every folder with custom resources, on every cluster an Application deploys it to: the add-on installing that
 * CRD group must go to the same cluster in an earlier wave. Returns what is missing or out of order.
 */
function crdOrderProblems(environment: Environment, charts: readonly ChartOutput[]): string[] {
  const env = environment.name;
  const apps = ofKind<Application>(objectsOf(charts, 'argocd'), 'Application');
  const crdGroups = new Map(environmentAddons(environment).map(({ addon }) => [addon.name, addon.crdGroups ?? []]));
  const providersOf = (group: string, server: string) =>
    apps.filter((a) => a.spec.destination.server === server && (crdGroups.get(a.metadata.labels?.[ADDON_LABEL] ?? '') ?? []).includes(group));
  const problems: string[] = [];
  for (const chart of charts.filter((c) => c.id !== 'argocd')) {
    const deployers = deployersOf(env, apps, chart);
    if (deployers.length === 0) problems.push(`no Application deploys dist/${env}/${chart.id}`);
    for (const group of new Set(chart.objects.filter(isCustomResource).map(groupOf))) {
      for (const d of deployers) {
        const providers = providersOf(group, d.spec.destination.server);
        if (providers.length === 0) problems.push(`nothing installs ${group} on ${d.spec.destination.server}, where ${d.metadata.name} deploys`);
        for (const p of providers) if (wave(p) >= wave(d)) problems.push(`${p.metadata.name} (wave ${wave(p)}) is not before ${d.metadata.name} (wave ${wave(d)})`);
      }
    }
  }
  return problems;
}

describe.each([
  ['the fixture', fixtureEnvironments()],
  ['the repository', repoEnvironments()],
])('Argo CD across the environments of %s', (_, envs) => {
  it('has environments to check', () => {
    expect(envs.length).toBeGreaterThan(0);
  });

  it('gives every Application and AppProject a name no other environment uses, so environments can share one Argo CD', () => {
    const owners = new Map<string, string[]>();
    for (const { env, charts } of envs) {
      for (const o of objectsOf(charts).filter((x) => ARGO_KINDS.includes(x.kind))) {
        const key = `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
        owners.set(key, [...(owners.get(key) ?? []), env]);
      }
    }
    expect([...owners].filter(([, e]) => e.length > 1)).toEqual([]);
  });
});

describe.each(everyEnvironment())('Argo CD in $env ($source)', ({ source, env, charts }) => {
  const input = source === 'fixture' ? fixtureInput() : repoInput();
  const argo = objectsOf(charts, 'argocd');
  const apps = ofKind<Application>(argo, 'Application');
  const projects = ofKind(argo, 'AppProject');
  const bootstrap = argo.filter((o) => o.metadata.labels?.[BOOTSTRAP_LABEL] === 'true');
  const bootstrapProjects = new Set(['default', ...ofKind(bootstrap, 'AppProject').map((p) => p.metadata.name)]);
  const root = ofKind<Application>(bootstrap, 'Application');

  it('bootstraps with one root Application that deploys the argocd folder, and its project, applied together', () => {
    expect(root.map((a) => a.spec.source.path)).toEqual([`dist/${env}/argocd`]);
    expect(bootstrapProjects.has(root[0].spec.project), `project ${root[0].spec.project} of the root`).toBe(true);
    // Only Argo CD kinds: a fresh Argo CD has their CRDs, nothing else.
    expect(bootstrap.filter((o) => !ARGO_KINDS.includes(o.kind))).toEqual([]);
  });

  it('gives every Application a project that exists before it: from bootstrap, or from the root in an earlier wave', () => {
    for (const app of apps) {
      const project = projects.find((p) => p.metadata.name === app.spec.project);
      const ok = bootstrapProjects.has(app.spec.project) || (project !== undefined && wave(project) < wave(app));
      expect(ok, `${app.metadata.name} is in project ${app.spec.project}`).toBe(true);
    }
  });

  it('points every Application at a folder of this environment or at a pinned chart version', () => {
    const folders = new Set(charts.map((c) => `dist/${env}/${c.id}`));
    for (const app of apps) {
      if (app.spec.source.repoURL === input.environments.find((e) => e.name === env)!.argocd.repoURL) {
        expect(folders.has(app.spec.source.path!), `${app.metadata.name} -> ${app.spec.source.path}`).toBe(true);
      } else {
        // A chart version or a release tag: never a branch or HEAD.
        expect(app.spec.source.targetRevision, app.metadata.name).toMatch(/^v?\d+\.\d+\.\d+$/);
      }
    }
  });

  it('syncs whatever installs a CRD on a cluster in an earlier wave than every folder using that CRD on that cluster', () => {
    expect(crdOrderProblems(input.environments.find((e) => e.name === env)!, charts)).toEqual([]);
  });

  it('marks every custom resource of every folder SkipDryRunOnMissingResource, so a fresh cluster syncs it once its CRD exists', () => {
    const custom = objectsOf(charts).filter(isCustomResource);
    expect(custom.length).toBeGreaterThan(0);
    for (const o of custom) {
      expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '', `${o.kind}/${o.metadata.name}`).toContain('SkipDryRunOnMissingResource=true');
    }
  });
});

describe('Argo CD with a cluster dedicated to a tenant', () => {
  let root = '';
  useScratchRepo((r) => (root = r));

  it('installs on the dedicated cluster, before the folders sent there, the add-ons whose CRDs they use', () => {
    const envFile = readInput(root, 'environments/prod.yaml');
    writeInput(root, 'environments/prod.yaml', envFile.replace('argocd:\n', '  - name: ai-prod-acme\n    server: https://acme.eks.example:443\n    dedicatedTo: acme\nargocd:\n'));
    writeInput(root, 'tenants/acme.yaml', 'name: acme\ndisplayName: Acme\nowners: [o@acme.example]\ngroups: {operators: [acme-ops]}\nenvironments: [prod]\nisolation: {level: cluster, cluster: ai-prod-acme}\n');
    const input = loadInput(root);
    const environment = input.environments.find((e) => e.name === 'prod')!;
    const charts = synthesizeEnvironment(input, environment);
    const onDedicated = ofKind<Application>(objectsOf(charts, 'argocd'), 'Application').filter((a) => a.spec.destination.server === 'https://acme.eks.example:443');
    expect(onDedicated.some((a) => a.metadata.labels?.[ADDON_LABEL] === 'karpenter')).toBe(true);
    expect(crdOrderProblems(environment, charts)).toEqual([]);
  });
});
