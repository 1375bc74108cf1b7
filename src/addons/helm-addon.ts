import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';

/** A third-party system installed by Argo CD from its upstream Helm chart, with values generated from typed config. */
export interface HelmAddon {
  /** Helm release name; the Application is `<env>-<name>`. */
  readonly name: string;
  readonly namespace: string;
  /** Helm repository URL, or `oci://<registry>/<path>/<chart>` for a chart published as an OCI artifact. */
  readonly repoURL: string;
  readonly chart: string;
  /** Pinned chart version. */
  readonly version: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Argo CD sync wave: add-ons whose CRDs others use come first. */
  readonly wave: number;
  /**
   * API groups of the CRDs the chart installs; whatever uses them must sync in a later wave (tests check it).
   * @default - none
   */
  readonly crdGroups?: readonly string[];
  /**
   * Let Argo CD create the namespace. Turn it off when a platform chart creates it (with Pod Security labels).
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Fields the add-on's own controllers rewrite after a sync, which Argo CD must not count as drift.
   * @default - none
   */
  readonly ignoreDifferences?: NonNullable<IApplication['spec']['ignoreDifferences']>;
}
