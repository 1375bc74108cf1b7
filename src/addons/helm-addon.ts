/** A third-party system installed by Argo CD from its upstream Helm chart, with values generated from typed config. */
export interface HelmAddon {
  /** Application and release name. */
  readonly name: string;
  readonly namespace: string;
  readonly repoURL: string;
  readonly chart: string;
  /** Pinned chart version. */
  readonly version: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Argo CD sync wave: add-ons whose CRDs others use come first. */
  readonly wave: number;
}
