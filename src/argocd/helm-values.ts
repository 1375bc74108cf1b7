import type { HelmAddon } from '../addons/helm-addon.js';
import KEY_TREES from '../../imports/helm-values.json' with { type: 'json' };

/** Where the upstream default values of each pinned chart are vendored: vendor/helm-values/<chart>/<version>/values.yaml. */
export const HELM_VALUES_DIR = 'vendor/helm-values';

/**
 * A pinned chart's vendored default values. `version` is the folder the file sits in: the pinned version itself, or,
 * where that release's file could not be read when it was vendored, the nearest upstream version, with the reason
 * (`standIn`). The check is then against that version's keys, and the diff report and README say so.
 */
export interface VendoredValues {
  readonly version: string;
  /** Why the file is not the pinned version's. @default - it is */
  readonly standIn?: string;
  /**
   * Keys the chart's templates read that its default values leave out (documented only in comments), by dotted path.
   * @default - none
   */
  readonly extraKeys?: readonly string[];
  /**
   * A legacy prefix the chart copies to the top level before rendering (istiod's `pilot.`): keys under it are checked
   * as top-level keys. @default - none
   */
  readonly descope?: string;
  /**
   * Dependencies (sub-charts) by the values key the parent passes them under, each as the `<chart>@<version>` its
   * Chart.yaml pins, an entry of VENDORED_VALUES with the dependency's own vendored values: keys below it are checked
   * against those, together with what the parent's defaults list there. Without it, keys under a sub-chart are checked
   * against the parent's defaults only. @default - none
   */
  readonly subcharts?: Readonly<Record<string, string>>;
  /**
   * Maps the chart renders whole, whatever their keys (grafana's `grafana.ini`: every section and setting of Grafana's
   * configuration), by dotted path, each with the reason: anything below them is accepted. @default - none
   */
  readonly freeForm?: Readonly<Record<string, string>>;
}

/**
 * Every pinned Helm chart and its vendored values, keyed `<chart>@<pinned version>`. Upgrading a chart means adding
 * its new version's file here (a test fails on a pinned version without one), and the diff report shows the change.
 */
export const VENDORED_VALUES: Readonly<Record<string, VendoredValues>> = {
  'karpenter@1.14.1': { version: '1.14.1' },
  'base@1.30.3': { version: '1.30.3' },
  'cni@1.30.3': { version: '1.30.3' },
  'istiod@1.30.3': { version: '1.30.3', descope: 'pilot' }, // templates/zzy_descope_legacy.yaml
  'aws-efs-csi-driver@4.4.1': { version: '4.4.1' },
  'nvidia-device-plugin@0.18.2': { version: '0.18.2' },
  'prometheus-operator-crds@31.0.1': { version: '31.0.1' },
  'agentgateway@v1.4.1': { version: 'v1.4.1' },
  'agentgateway-crds@v1.4.1': { version: 'v1.4.1' },
  'keda@2.21.1': { version: '2.20.2', standIn: 'the keda-2.21.1 chart was not readable here; 2.20.2 is the newest vendored release of kedacore/charts' },
  'dcgm-exporter@4.8.3': { version: '4.8.2', standIn: 'the 4.8.3 tag was not readable here; 4.8.2 (tag 4.5.3-4.8.2) is the newest vendored release' },
  'kgateway@v2.4.3': { version: 'main-009b92f', standIn: 'the v2.4.3 tag was not readable here; values.yaml of kgateway-dev/kgateway main at 009b92f (after the agentgateway split) is' },
  'kgateway-crds@v2.4.3': { version: 'none', standIn: 'no values file vendored: we set no values, so there is nothing to check' },
  'cert-manager@v1.20.2': { version: 'v1.20.2' },
  'clickhouse-operator-helm@0.0.5': { version: 'none', standIn: 'no values file vendored: we set no values, so there is nothing to check (the 0.0.5 chart was not readable here either)' },
  // Its Chart.yaml's dependencies at 88.5.3: kube-state-metrics 8.4.0 and grafana 12.11.1 (grafana-community).
  'kube-prometheus-stack@88.5.3': {
    version: '88.5.3',
    subcharts: { 'kube-state-metrics': 'kube-state-metrics@8.4.0', grafana: 'grafana@12.11.1' },
    freeForm: { 'grafana.grafana.ini': "grafana 12.11.1's templates/_config.tpl writes every section and key of it to grafana.ini" },
  },
  'kube-state-metrics@8.4.0': { version: '8.4.0' }, // sub-chart of kube-prometheus-stack@88.5.3
  'grafana@12.11.1': { version: '12.11.1' }, // sub-chart of kube-prometheus-stack@88.5.3
  'opentelemetry-collector@0.170.0': { version: '0.170.0' },
  'langfuse@2.0.0': { version: '2.0.0' },
  'kagent-crds@0.9.12': { version: '0.9.12' },
  // templates/modelconfig.yaml renders `config` of the default provider (only ollama and azureOpenAI show one).
  'kagent@0.9.12': { version: '0.9.12', extraKeys: ['providers.openAI.config'] },
  'external-secrets@2.8.0': { version: '2.8.0' },
  // Its requirements.yaml at 5.0.19: etcd 8.12.0 (Bitnami, packaged in the tag's charts/). minio, pulsar, pulsarv3 and
  // kafka take only `enabled` from us, which milvus' own defaults list. templates/streamingnode-deployment.yaml reads
  // streamingNode.topologySpreadConstraints (as every component's template does), which its defaults leave out.
  'milvus@5.0.19': { version: '5.0.19', subcharts: { etcd: 'etcd@8.12.0' }, extraKeys: ['streamingNode.topologySpreadConstraints'] },
  'etcd@8.12.0': { version: '8.12.0' }, // sub-chart of milvus@5.0.19
  'valkey@0.11.0': { version: '0.11.0' },
};

/** The chart name of an add-on: `chart`, or the last path segment of an oci:// artifact. */
export function chartName(addon: HelmAddon): string {
  return addon.chart ?? addon.repoURL.replace(/\/+$/, '').split('/').pop()!;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The key tree of a vendored chart's default values (imports/helm-values.json, generated from vendor/helm-values by
 * `npm run generate`; Istio's `_internal_defaults_do_not_set` lifted to the top), or undefined when none is vendored.
 */
export function defaultValues(chart: string, version: string, trees: Readonly<Record<string, unknown>> = KEY_TREES): Record<string, unknown> | undefined {
  const tree = trees[`${chart}/${version}`];
  return isMap(tree) ? tree : undefined;
}

/**
 * Kubernetes structures and free-form maps: when a chart's default has one, anything valid below it is accepted
 * (resources.limits where the default shows only requests, any label or annotation key).
 */
const OPEN_KEY = /^(resources|securityContext|podSecurityContext|containerSecurityContext|seccompProfile|affinity|nodeSelector|tolerations|env|extraEnv|.*[Aa]nnotations|.*[Ll]abels)$/;

/**
 * Keys of `values` that the chart's defaults do not have, as dotted paths. A default that is an empty map or null (a list,
 * a scalar, or null in the values file) takes anything below it (maps of labels, resources, free-form settings).
 */
export function unknownKeys(values: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, unknown>>, extra: readonly string[] = [], path = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const p = path ? `${path}.${key}` : key;
    if (extra.includes(p)) continue;
    if (!(key in defaults)) {
      out.push(p);
      continue;
    }
    const d = defaults[key];
    if (isMap(d) && Object.keys(d).length > 0 && isMap(value) && !OPEN_KEY.test(key)) out.push(...unknownKeys(value, d, extra, p));
  }
  return out;
}

/** The closest known key at the same level, for "did you mean". */
function closest(key: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) dp[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return dp[a.length][b.length];
  };
  const best = known.map((k) => [k, distance(key.toLowerCase(), k.toLowerCase())] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= Math.max(2, Math.floor(key.length / 3)) ? best[0] : undefined;
}

/** Two key trees together: the keys of both, a map wherever either has one. */
function mergeTrees(a: unknown, b: unknown): unknown {
  if (isMap(a) && isMap(b)) return Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, mergeTrees(a[k], b[k])]));
  return isMap(a) ? a : b;
}

/**
 * The key tree a chart's values are checked against: its defaults, with each declared sub-chart's own defaults merged
 * in under the key the parent passes them under; a problem when a declared sub-chart has no vendored values.
 */
function withSubcharts(defaults: Record<string, unknown>, vendored: VendoredValues, id: string, trees: Readonly<Record<string, unknown>>): { tree: Record<string, unknown>; problems: string[] } {
  const tree = { ...defaults };
  const problems: string[] = [];
  for (const [key, subId] of Object.entries(vendored.subcharts ?? {})) {
    const sub = VENDORED_VALUES[subId];
    const at = subId.lastIndexOf('@');
    const subTree = sub ? defaultValues(subId.slice(0, at), sub.version, trees) : undefined;
    if (!subTree) problems.push(`chart ${id}: sub-chart ${subId} (values key "${key}") has no vendored default values`);
    else tree[key] = mergeTrees(defaults[key], subTree);
  }
  return { tree, problems };
}

/**
 * Problems with the values of Helm add-ons: a chart version without vendored values, and every values key the chart's
 * defaults do not have, naming the add-on, chart, version and key. Git-directory add-ons (plain manifests) have no values.
 */
export function helmValuesProblems(addons: readonly HelmAddon[], trees: Readonly<Record<string, unknown>> = KEY_TREES): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const addon of addons) {
    if (addon.directory) continue;
    const chart = chartName(addon);
    const id = `${chart}@${addon.version}`;
    if (seen.has(`${addon.name} ${id}`)) continue;
    seen.add(`${addon.name} ${id}`);
    const vendored = VENDORED_VALUES[id];
    if (!vendored) {
      problems.push(`add-on ${addon.name}: chart ${id} has no vendored default values; add ${HELM_VALUES_DIR}/${chart}/${addon.version}/values.yaml (with its source in SOURCES.md) and its entry in src/argocd/helm-values.ts`);
      continue;
    }
    const own = defaultValues(chart, vendored.version, trees);
    if (!own) {
      if (Object.keys(addon.values).length > 0) problems.push(`add-on ${addon.name}: chart ${id} sets values but ${HELM_VALUES_DIR}/${chart}/${vendored.version}/values.yaml is missing`);
      continue;
    }
    const { tree: defaults, problems: missing } = withSubcharts(own, vendored, id, trees);
    problems.push(...missing.map((m) => `add-on ${addon.name}: ${m}`));
    const { descope } = vendored;
    const legacy = descope && isMap(addon.values[descope]) ? (addon.values[descope] as Record<string, unknown>) : {};
    const values = descope ? Object.fromEntries(Object.entries(addon.values).filter(([k]) => k !== descope)) : addon.values;
    const accepted = [...(vendored.extraKeys ?? []), ...Object.keys(vendored.freeForm ?? {})];
    const unknown = [...unknownKeys(values, defaults, accepted), ...unknownKeys(legacy, defaults, accepted).map((k) => `${descope}.${k}`)];
    for (const key of unknown) {
      const parent = key.split('.').slice(descope && key.startsWith(`${descope}.`) ? 1 : 0, -1).reduce<unknown>((d, k) => (isMap(d) ? d[k] : undefined), defaults);
      const hint = isMap(parent) ? closest(key.split('.').pop()!, Object.keys(parent)) : undefined;
      problems.push(`add-on ${addon.name}: values key "${key}" is not a value of chart ${id}${hint ? ` (did you mean "${[...key.split('.').slice(0, -1), hint].join('.')}"?)` : ''}; Helm would ignore it`);
    }
  }
  return problems;
}
