import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';

/** A third-party system installed by Argo CD from its upstream Helm chart, with values generated from typed config. */
export interface HelmAddon {
  /** Helm release name; the Application is `<env>-<name>`. */
  readonly name: string;
  readonly namespace: string;
  /** Helm repository URL, or `oci://<registry>/<path>/<chart>` for a chart published as an OCI artifact. */
  readonly repoURL: string;
  /** Helm chart name. @default - none: `directory` is deployed instead */
  readonly chart?: string;
  /**
   * Plain manifests at this path of the git repository `repoURL` at tag `version`, instead of a Helm chart
   * (upstream CRD releases such as the Gateway API's).
   * @default - none: `chart` is deployed
   */
  readonly directory?: { readonly path: string; readonly include?: string };
  /** Pinned chart version (or git tag, for `directory`). */
  readonly version: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Argo CD sync wave: add-ons whose CRDs others use come first. */
  readonly wave: number;
  /** Extra Application sync options. @default - none */
  readonly syncOptions?: readonly string[];
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
   * The release holds data (PVCs, a database): Argo CD never prunes its resources, and deleting the Application
   * leaves them in place (no cascading finalizer), so that a removed or renamed line cannot delete data.
   * @default false
   */
  readonly stateful?: boolean;
  /**
   * Fields the add-on's own controllers rewrite after a sync, which Argo CD must not count as drift.
   * @default - none
   */
  readonly ignoreDifferences?: NonNullable<IApplication['spec']['ignoreDifferences']>;
}
