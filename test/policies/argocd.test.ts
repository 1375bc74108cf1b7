import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChartOutput, KubeObject } from '../../src/app.js';
import { environmentAddons } from '../../src/addons/environment-addons.js';
import { BOOTSTRAP_LABEL } from '../../src/lib/argocd-names.js';
import { allEnvironments, objectsOf, ofKind, repoInput } from '../support/synth.js';
import { REPO } from '../support/repo.js';

interface Application {
  metadata: { name: string; annotations: Record<string, string>; labels?: Record<string, string> };
  spec: { project: string; source: { repoURL: string; path?: string; chart?: string; targetRevision: string } };
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

describe('Argo CD across environments', () => {
  const envs = allEnvironments();

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

describe.each(allEnvironments())('Argo CD in $env', ({ env, charts }) => {
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
      if (app.spec.source.repoURL === repoInput().environments.find((e) => e.name === env)!.argocd.repoURL) {
        expect(folders.has(app.spec.source.path!), `${app.metadata.name} -> ${app.spec.source.path}`).toBe(true);
      } else {
        expect(app.spec.source.targetRevision, app.metadata.name).toMatch(/^\d+\.\d+\.\d+$/);
      }
    }
  });

  it('syncs whatever installs a CRD in an earlier wave than every folder with objects of that CRD', () => {
    const environment = repoInput().environments.find((e) => e.name === env)!;
    const providers = environmentAddons(environment).flatMap((addon) => (addon.crdGroups ?? []).map((group) => ({ group, addon })));
    for (const chart of charts.filter((c) => c.id !== 'argocd')) {
      const deployers = deployersOf(env, apps, chart);
      expect(deployers.length, `an Application deploys dist/${env}/${chart.id}`).toBeGreaterThan(0);
      for (const group of new Set(chart.objects.filter(isCustomResource).map(groupOf))) {
        const provider = providers.find((p) => p.group === group);
        expect(provider, `an add-on installs the CRDs of ${group} (used in ${chart.id})`).toBeDefined();
        const providerApp = apps.find((a) => a.metadata.name === `${env}-${provider!.addon.name}`)!;
        for (const d of deployers) expect(wave(providerApp), `${providerApp.metadata.name} before ${d.metadata.name}`).toBeLessThan(wave(d));
      }
    }
  });

  it('marks every custom resource of every folder SkipDryRunOnMissingResource, so a fresh cluster syncs it once its CRD exists', () => {
    const custom = objectsOf(charts).filter(isCustomResource);
    expect(custom.length).toBeGreaterThan(0);
    for (const o of custom) {
      expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '', `${o.kind}/${o.metadata.name}`).toContain('SkipDryRunOnMissingResource=true');
    }
  });
});
