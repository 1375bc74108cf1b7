import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { Environment } from '../src/config/schema/environment.js';
import { commonLabels } from '../src/lib/labels.js';
import type { HelmAddon } from '../src/addons/helm-addon.js';
import { PlatformApplication } from '../src/constructs/platform-application.js';

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
   * Third-party Helm charts to install on the platform cluster.
   * @default - none
   */
  readonly addons?: readonly HelmAddon[];
}

/** Name of the Argo CD project that owns the platform's own folders. */
export const PLATFORM_PROJECT = 'platform';

/**
 * Argo CD: the platform AppProject and one Application per synthesized chart folder. The `argocd` folder itself
 * is the app of apps: bootstrap applies `Application.argocd.yaml` once, and from then on it manages itself.
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

    const platformProject: IAppProject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: PLATFORM_PROJECT, namespace: env.argocd.namespace },
      spec: {
        description: `Platform-owned folders of ${env.name}: layers, tenant guardrails, Argo CD itself.`,
        sourceRepos: [env.argocd.repoURL, ...new Set((props.addons ?? []).map((a) => a.repoURL))].sort(),
        destinations: env.clusters.map((c) => ({ server: c.server, namespace: '*' })),
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
        orphanedResources: { warn: true },
      },
    };
    new ApiObject(this, `project-${PLATFORM_PROJECT}`, platformProject);
    for (const project of props.projects ?? []) new ApiObject(this, `project-${project.metadata?.name}`, project);

    const folders: (DeployedChartRef & { app?: string })[] = [{ id: 'argocd', cluster: env.clusters[0].name, wave: -10 }, ...props.charts];
    for (const cluster of props.dedicatedClusters ?? []) {
      for (const base of props.charts.filter((c) => c.everyCluster)) {
        folders.push({ ...base, cluster, app: `${base.id}-${cluster}` });
      }
    }
    for (const chart of folders) {
      const name = chart.app ?? chart.id;
      new PlatformApplication(this, `app-${name}`, {
        name,
        namespace: env.argocd.namespace,
        labels: chart.labels,
        project: PLATFORM_PROJECT,
        wave: chart.wave,
        source: { repoURL: env.argocd.repoURL, targetRevision: env.argocd.targetRevision, path: `dist/${env.name}/${chart.id}` },
        destination: { server: server(chart.cluster) },
        syncOptions: ['PruneLast=true'],
      });
    }

    for (const addon of props.addons ?? []) {
      new PlatformApplication(this, `addon-${addon.name}`, {
        name: addon.name,
        namespace: env.argocd.namespace,
        project: PLATFORM_PROJECT,
        wave: addon.wave,
        source: addon.directory
          ? { repoURL: addon.repoURL, targetRevision: addon.version, path: addon.directory.path, ...(addon.directory.include ? { directory: { include: addon.directory.include } } : {}) }
          : { repoURL: addon.repoURL, chart: addon.chart, targetRevision: addon.version, helm: { releaseName: addon.name, valuesObject: { ...addon.values } } },
        destination: { server: server(env.clusters[0].name), namespace: addon.namespace },
        syncOptions: ['CreateNamespace=true', ...(addon.syncOptions ?? [])],
      });
    }
  }
}
