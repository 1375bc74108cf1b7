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
  /** Every chart folder of the environment except this one and the tenants' (see ArgoCdTenantChart). */
  readonly charts: readonly DeployedChartRef[];
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
 * Argo CD: the platform AppProject, and one Application per synthesized chart folder and per third-party Helm chart;
 * each tenant's AppProject and the Application of its folder are an ArgoCdTenantChart of the same folder. Names
 * start with the environment (`<env>-platform`, `<env>-tenant-a`), so environments can share one Argo CD.
 *
 * Bootstrap: the `<env>-argocd` Application (the root, or "app of apps") deploys this very folder; it and the
 * `<env>-platform` AppProject it belongs to carry the bootstrap label and are applied once, together, by hand. From then
 * on the root manages both, and every other Application and AppProject, from Git.
 */
export class ArgoCdChart extends Chart {
  constructor(scope: Construct, id: string, props: ArgoCdChartProps) {
    super(scope, id, { namespace: props.env.argocd.namespace, labels: commonLabels('argocd', props.env.name), disableResourceNameHashes: true });
    const { env } = props;
    const platformProject = argoName(env.name, PLATFORM_PROJECT);
    const bootstrap = { [BOOTSTRAP_LABEL]: 'true' };

    const project: IAppProject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: platformProject, namespace: env.argocd.namespace, labels: bootstrap, annotations: PROJECT_ANNOTATIONS },
      spec: {
        description: `Platform-owned folders of ${env.name}: layers, tenant guardrails, cluster add-ons, Argo CD itself.`,
        sourceRepos: [env.argocd.repoURL, ...new Set((props.addons ?? []).map((a) => a.addon.repoURL))].sort(),
        destinations: env.clusters.map((c) => ({ server: c.server, namespace: '*' })),
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
        orphanedResources: { warn: true },
      },
    };
    new ApiObject(this, `project-${PLATFORM_PROJECT}`, project);

    const folders: FolderApplication[] = [{ id: 'argocd', cluster: env.clusters[0].name, wave: ROOT_WAVE, bootstrap: true }, ...props.charts];
    for (const cluster of props.dedicatedClusters ?? []) {
      for (const base of props.charts.filter((c) => c.everyCluster)) {
        folders.push({ ...base, cluster, app: `${base.id}-${cluster}` });
      }
    }
    for (const chart of folders) folderApplication(this, argoCdSite(env), chart, clusterServer(env, chart.cluster));

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

/** What an Application of a chart folder reads of its environment: its name and Argo CD settings. */
export interface ArgoCdSite {
  readonly envName: string;
  readonly argocd: Environment['argocd'];
}

export function argoCdSite(env: Environment): ArgoCdSite {
  // Frozen (env.argocd is, as all input): a key part every tenant's argocd unit shares is then hashed once a run.
  return Object.freeze({ envName: env.name, argocd: env.argocd });
}

export interface ArgoCdTenantChartProps {
  readonly site: ArgoCdSite;
  /** The tenant's AppProject (see tenantAppProject). */
  readonly project: IAppProject;
  /** The tenant's chart folder. */
  readonly folder: DeployedChartRef;
  /** API server of the folder's cluster. */
  readonly server: string;
}

/** One tenant's objects in the argocd folder: its AppProject, and the Application of its chart folder. */
export class ArgoCdTenantChart extends Chart {
  constructor(scope: Construct, id: string, props: ArgoCdTenantChartProps) {
    const { site, project } = props;
    super(scope, id, { namespace: site.argocd.namespace, labels: commonLabels('argocd', site.envName), disableResourceNameHashes: true });
    const annotations = { ...project.metadata?.annotations, ...PROJECT_ANNOTATIONS };
    new ApiObject(this, `project-${project.metadata?.name}`, { ...project, metadata: { ...project.metadata, annotations } });
    folderApplication(this, site, props.folder, props.server);
  }
}

/** API server of a cluster of the environment. */
export function clusterServer(env: Environment, cluster: string): string {
  const c = env.clusters.find((x) => x.name === cluster);
  if (!c) throw new Error(`internal: chart refers to unknown cluster ${cluster}`);
  return c.server;
}

/** Annotations of every AppProject of the folder: synced before every Application (see PROJECTS_WAVE). */
const PROJECT_ANNOTATIONS = { ...syncWave(PROJECTS_WAVE), ...SKIP_DRY_RUN_ON_MISSING_RESOURCE };

/** A chart folder to deploy: `app` names an Application other than `<env>-<id>`; `bootstrap` marks the root. */
type FolderApplication = DeployedChartRef & { app?: string; bootstrap?: boolean };

/** The Application that deploys one chart folder to its cluster (API server `server`), in the platform project. */
function folderApplication(scope: Construct, site: ArgoCdSite, chart: FolderApplication, server: string): PlatformApplication {
  const name = argoName(site.envName, chart.app ?? chart.id);
  return new PlatformApplication(scope, `app-${name}`, {
    name,
    namespace: site.argocd.namespace,
    labels: chart.bootstrap ? { ...chart.labels, [BOOTSTRAP_LABEL]: 'true' } : chart.labels,
    annotations: chart.annotations,
    project: argoName(site.envName, PLATFORM_PROJECT),
    wave: chart.wave,
    source: { repoURL: site.argocd.repoURL, targetRevision: site.argocd.targetRevision, path: `dist/${site.envName}/${chart.id}` },
    destination: { server },
    syncOptions: ['PruneLast=true'],
  });
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
