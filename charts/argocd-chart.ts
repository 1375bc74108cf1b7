import { ApiObject, Chart } from 'cdk8s';
import type { HelmAddon } from '../src/addons/helm-addon.js';
import type { Construct } from 'constructs';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { Environment } from '../src/config/schema/environment.js';
import { commonLabels } from '../src/lib/labels.js';
import type { ClusterAddon } from '../src/addons/environment-addons.js';
import { PlatformApplication } from '../src/constructs/platform-application.js';
import { ADDON_LABEL, argoName, BOOTSTRAP_LABEL } from '../src/lib/argocd-names.js';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE, syncWave } from '../src/lib/argocd-annotations.js';

/** A synthesized chart folder that Argo CD deploys, and where. */
export interface DeployedChartRef {
  /** Chart id = folder name under dist/<env>/. */
  readonly id: string;
  /** Cluster name from the environment file. */
  readonly cluster: string;
  /** Sync wave: lower waves are synced first (platform base before tenants). */
  readonly wave: number;
  /**
   * Also deploy this folder to every cluster dedicated to a tenant (the guardrails every cluster needs).
   * @default false
   */
  readonly everyCluster?: boolean;
  /**
   * Extra labels of its Application (a tenant's folder carries the tenant's labels).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Extra annotations of its Application (a tenant's folder notifies the tenant's owners).
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

export interface ArgoCdChartProps {
  readonly env: Environment;
  /** Every chart of the environment except this one. */
  readonly charts: readonly DeployedChartRef[];
  /** Extra AppProjects (one per tenant); built by the tenant layer. */
  readonly projects?: readonly IAppProject[];
  /**
   * Clusters dedicated to one tenant ("cluster" isolation). Each also gets the platform base and node classes,
   * from the same folders, so the tenant finds the same namespaces and guardrails there.
   * @default - none
   */
  readonly dedicatedClusters?: readonly string[];
  /**
   * Third-party Helm charts to install, each on its cluster (see environmentAddons).
   * @default - none
   */
  readonly addons?: readonly ClusterAddon[];
}

/** Name (before the environment prefix) of the Argo CD project that owns the platform's own folders. */
export const PLATFORM_PROJECT = 'platform';

/**
 * Sync wave of the AppProjects in the `argocd` folder: before every Application, so that no Application ever names a
 * project that does not exist yet.
 */
export const PROJECTS_WAVE = -20;

/** Sync wave of the root Application (the `argocd` folder itself). */
export const ROOT_WAVE = -10;

/**
 * Argo CD: the platform AppProject, the tenants' AppProjects, and one Application per synthesized chart folder and
 * per third-party Helm chart. Names start with the environment (`<env>-platform`, `<env>-tenant-a`), so environments
 * can share one Argo CD.
 *
 * Bootstrap: the `<env>-argocd` Application (the root, or "app of apps") deploys this very folder; it and the
 * `<env>-platform` AppProject it belongs to carry the bootstrap label and are applied once, together, by hand. From then
 * on the root manages both, and every other Application and AppProject, from Git.
 */
export class ArgoCdChart extends Chart {
  constructor(scope: Construct, id: string, props: ArgoCdChartProps) {
    super(scope, id, { namespace: props.env.argocd.namespace, labels: commonLabels('argocd', props.env.name), disableResourceNameHashes: true });
    const { env } = props;
    const server = (cluster: string) => {
      const c = env.clusters.find((x) => x.name === cluster);
      if (!c) throw new Error(`internal: chart refers to unknown cluster ${cluster}`);
      return c.server;
    };
    const platformProject = argoName(env.name, PLATFORM_PROJECT);
    const bootstrap = { [BOOTSTRAP_LABEL]: 'true' };
    const projectAnnotations = { ...syncWave(PROJECTS_WAVE), ...SKIP_DRY_RUN_ON_MISSING_RESOURCE };

    const project: IAppProject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: platformProject, namespace: env.argocd.namespace, labels: bootstrap, annotations: projectAnnotations },
      spec: {
        description: `Platform-owned folders of ${env.name}: layers, tenant guardrails, cluster add-ons, Argo CD itself.`,
        sourceRepos: [env.argocd.repoURL, ...new Set((props.addons ?? []).map((a) => a.addon.repoURL))].sort(),
        destinations: env.clusters.map((c) => ({ server: c.server, namespace: '*' })),
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
        orphanedResources: { warn: true },
      },
    };
    new ApiObject(this, `project-${PLATFORM_PROJECT}`, project);
    for (const tenantProject of props.projects ?? []) {
      const annotations = { ...tenantProject.metadata?.annotations, ...projectAnnotations };
      new ApiObject(this, `project-${tenantProject.metadata?.name}`, { ...tenantProject, metadata: { ...tenantProject.metadata, annotations } });
    }

    const folders: (DeployedChartRef & { app?: string; bootstrap?: boolean })[] = [
      { id: 'argocd', cluster: env.clusters[0].name, wave: ROOT_WAVE, bootstrap: true },
      ...props.charts,
    ];
    for (const cluster of props.dedicatedClusters ?? []) {
      for (const base of props.charts.filter((c) => c.everyCluster)) {
        folders.push({ ...base, cluster, app: `${base.id}-${cluster}` });
      }
    }
    for (const chart of folders) {
      const name = argoName(env.name, chart.app ?? chart.id);
      new PlatformApplication(this, `app-${name}`, {
        name,
        namespace: env.argocd.namespace,
        labels: chart.bootstrap ? { ...chart.labels, ...bootstrap } : chart.labels,
        annotations: chart.annotations,
        project: platformProject,
        wave: chart.wave,
        source: { repoURL: env.argocd.repoURL, targetRevision: env.argocd.targetRevision, path: `dist/${env.name}/${chart.id}` },
        destination: { server: server(chart.cluster) },
        syncOptions: ['PruneLast=true'],
      });
    }

    for (const { cluster, addon } of props.addons ?? []) {
      // Like the folders: `<env>-<addon>` on the platform cluster, `<env>-<addon>-<cluster>` on a dedicated one.
      const name = argoName(env.name, cluster.name === env.clusters[0].name ? addon.name : `${addon.name}-${cluster.name}`);
      const helm = { releaseName: addon.name, valuesObject: { ...addon.values } };
      new PlatformApplication(this, `addon-${name}`, {
        name,
        namespace: env.argocd.namespace,
        labels: { [ADDON_LABEL]: addon.name },
        project: platformProject,
        wave: addon.wave,
        // An oci:// chart is an OCI artifact source (Argo CD 3.1 and later): the chart is the artifact, path ".".
        source: addonSource(addon, helm),
        destination: { server: cluster.server, namespace: addon.namespace },
        syncOptions: [...(addon.createNamespace === false ? [] : ['CreateNamespace=true']), ...(addon.syncOptions ?? [])],
        ignoreDifferences: addon.ignoreDifferences,
        prune: !addon.stateful,
      });
    }
  }
}

/**
 * Where Argo CD gets an add-on: plain manifests from a git directory (CRD releases), an OCI artifact (Argo CD 3.1 and
 * later: the chart is the artifact, path "."), or a chart of a Helm repository.
 */
function addonSource(addon: HelmAddon, helm: { releaseName: string; valuesObject: Record<string, unknown> }) {
  if (addon.directory) {
    const { path, include } = addon.directory;
    return { repoURL: addon.repoURL, targetRevision: addon.version, path, ...(include ? { directory: { include } } : {}) };
  }
  if (addon.repoURL.startsWith('oci://')) return { repoURL: addon.repoURL, path: '.', targetRevision: addon.version, helm };
  return { repoURL: addon.repoURL, chart: addon.chart, targetRevision: addon.version, helm };
}
