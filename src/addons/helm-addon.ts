/** A third-party system installed by Argo CD from its upstream Helm chart, with values generated from typed config. */
export interface HelmAddon {
  /** Application and release name. */
  readonly name: string;
  readonly namespace: string;
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
}
