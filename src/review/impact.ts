import { modelFromManifests } from '../analysis/model-from-manifests.js';
import { reachabilityMatrix, type ReachabilityMatrix } from '../analysis/matrix.js';
import { PortSet } from '../analysis/port-set.js';
import { parseQuantity } from '../lib/quantity.js';
import { fieldChanges, type FieldChange } from './object-diff.js';

/** A manifest of one environment's dist folder: the chart folder it sits in and the object. */
export interface DistObject {
  /** Chart folder under dist/<env>/ (the Argo CD Application `<env>-<folder>` deploys it). */
  readonly folder: string;
  readonly object: KubeObject;
}

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** Identity of an object in the cluster: API group, kind, namespace, name (the version is not part of it). */
export function objectKey(o: KubeObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${group}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** `Kind name` or `Kind namespace/name`. */
export function objectLabel(o: KubeObject): string {
  return `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
}

export interface ObjectChange {
  readonly change: 'added' | 'removed' | 'changed';
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** Field-level changes of a changed object. */
  readonly fields?: readonly FieldChange[];
}

/** What changes in what one Argo CD Application deploys. */
export interface ApplicationImpact {
  readonly application: string;
  readonly folder: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly objects: readonly ObjectChange[];
}

export type RiskCategory = 'cluster-scoped' | 'rbac' | 'quota' | 'network' | 'cross-tenant' | 'appproject' | 'version' | 'prune';

/** Order and titles of the risk summary. */
export const RISK_TITLES: Readonly<Record<RiskCategory, string>> = {
  'cluster-scoped': 'Cluster-scoped objects',
  rbac: 'RBAC: who gains or loses which verbs where',
  quota: 'Quotas and GPUs against capacity',
  network: 'Network paths (reachability matrix delta)',
  'cross-tenant': "Objects in another tenant's namespace",
  appproject: 'Argo CD AppProjects',
  version: 'Image and chart versions',
  prune: 'Objects Argo CD will prune',
};

export interface Risk {
  readonly category: RiskCategory;
  readonly message: string;
  /** A widening: a new network path, a gained permission, a quota increase beyond capacity. Shown in bold. */
  readonly widening?: boolean;
}

export interface EnvironmentImpact {
  readonly environment: string;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly risks: readonly Risk[];
  readonly applications: readonly ApplicationImpact[];
}

export interface ImpactOptions {
  /** Tenants whose file the change touches; objects of other tenants are flagged. @default - not checked */
  readonly changedTenants?: ReadonlySet<string>;
}

const TENANT_FOLDER = /^tenant-(.+)$/;

/** The impact of going from `base` to `head`, the objects of one environment's dist folder before and after. */
export function environmentImpact(
  environment: string,
  base: readonly DistObject[] | undefined,
  head: readonly DistObject[] | undefined,
  options: ImpactOptions = {},
): EnvironmentImpact {
  const before = new Map((base ?? []).map((d) => [objectKey(d.object), d]));
  const after = new Map((head ?? []).map((d) => [objectKey(d.object), d]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const byApp = new Map<string, { folder: string; objects: ObjectChange[] }>();
  const pairs: { b?: DistObject; a?: DistObject; change: ObjectChange }[] = [];
  for (const key of keys) {
    const b = before.get(key);
    const a = after.get(key);
    const o = (a ?? b)!.object;
    const id = { kind: o.kind, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), name: o.metadata.name };
    let change: ObjectChange;
    if (!b) change = { change: 'added', ...id };
    else if (!a) change = { change: 'removed', ...id };
    else {
      const fields = fieldChanges(b.object, a.object);
      if (fields.length === 0 && a.folder === b.folder) continue;
      change = { change: 'changed', ...id, fields };
    }
    const folder = (a ?? b)!.folder;
    const app = `${environment}-${folder}`;
    if (!byApp.has(app)) byApp.set(app, { folder, objects: [] });
    byApp.get(app)!.objects.push(change);
    pairs.push({ b, a, change });
  }
  const applications = [...byApp.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([application, { folder, objects }]) => ({
      application,
      folder,
      added: objects.filter((c) => c.change === 'added').length,
      removed: objects.filter((c) => c.change === 'removed').length,
      changed: objects.filter((c) => c.change === 'changed').length,
      objects,
    }));
  const risks = [
    ...clusterScopedRisks(pairs),
    ...rbacRisks(base ?? [], head ?? []),
    ...quotaRisks(pairs, head ?? base ?? []),
    ...networkRisks(pairs, base ?? [], head ?? []),
    ...crossTenantRisks(pairs, options.changedTenants),
    ...appProjectRisks(pairs),
    ...versionRisks(pairs),
    ...pruneRisks(pairs, environment),
  ];
  const status = !base ? 'added' : !head ? 'removed' : applications.length > 0 ? 'changed' : 'unchanged';
  return { environment, status, risks, applications };
}

type Pair = { b?: DistObject; a?: DistObject; change: ObjectChange };

function clusterScopedRisks(pairs: readonly Pair[]): Risk[] {
  return pairs
    .filter((p) => p.change.change !== 'removed' && !(p.a ?? p.b)!.object.metadata.namespace)
    .map((p) => ({ category: 'cluster-scoped', message: `${p.change.change} ${objectLabel(p.a!.object)}`, widening: p.change.change === 'added' }));
}

interface Rule {
  readonly apiGroups?: string[];
  readonly resources?: string[];
  readonly verbs?: string[];
  readonly resourceNames?: string[];
}

/** Every (subject, where, resource) → verbs a set of objects grants through its Roles, ClusterRoles and bindings. */
export function rbacGrants(docs: readonly DistObject[]): Map<string, Set<string>> {
  const roles = new Map<string, Rule[]>();
  for (const { object: o } of docs) {
    if (o.kind === 'Role' || o.kind === 'ClusterRole') roles.set(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, (o.rules as Rule[]) ?? []);
  }
  const grants = new Map<string, Set<string>>();
  for (const { object: o } of docs) {
    if (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') continue;
    const ref = o.roleRef as { kind: string; name: string };
    const rules = roles.get(`${ref.kind}/${ref.kind === 'Role' ? (o.metadata.namespace ?? '') : ''}/${ref.name}`);
    const where = o.kind === 'RoleBinding' ? `namespace ${o.metadata.namespace}` : 'the whole cluster';
    for (const s of (o.subjects as { kind: string; name: string; namespace?: string }[]) ?? []) {
      const subject = `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`;
      // A role this folder does not define (a built-in ClusterRole such as view or edit): named as such.
      const effective: Rule[] = rules ?? [{ apiGroups: ['*'], resources: [`(${ref.kind} ${ref.name})`], verbs: ['*'] }];
      for (const r of effective) {
        for (const g of r.apiGroups ?? ['']) {
          for (const res of r.resources ?? []) {
            const key = `${subject} in ${where}: ${g ? `${res}.${g}` : res}${r.resourceNames ? ` [${r.resourceNames.join(',')}]` : ''}`;
            if (!grants.has(key)) grants.set(key, new Set());
            for (const v of r.verbs ?? []) grants.get(key)!.add(v);
          }
        }
      }
    }
  }
  return grants;
}

function rbacRisks(base: readonly DistObject[], head: readonly DistObject[]): Risk[] {
  const b = rbacGrants(base);
  const a = rbacGrants(head);
  // "<subject> in <where>" → gained and lost "resource (verbs)" entries, so each subject and place is one line.
  const gained = new Map<string, string[]>();
  const lost = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const key of [...new Set([...b.keys(), ...a.keys()])].sort()) {
    const was = b.get(key) ?? new Set<string>();
    const is = a.get(key) ?? new Set<string>();
    const [who, what] = key.split(': ');
    const plus = [...is].filter((v) => !was.has(v)).sort();
    const minus = [...was].filter((v) => !is.has(v)).sort();
    if (plus.length > 0) add(gained, who, `${what} (${plus.join(', ')})`);
    if (minus.length > 0) add(lost, who, `${what} (${minus.join(', ')})`);
  }
  const line = (who: string, verb: string, what: string[]) => {
    const [subject, where] = who.split(' in ');
    return `${subject} ${verb} in ${where}: ${what.join('; ')}`;
  };
  return [
    ...[...gained].map(([who, what]) => ({ category: 'rbac' as const, message: line(who, 'gains', what), widening: true })),
    ...[...lost].map(([who, what]) => ({ category: 'rbac' as const, message: line(who, 'loses', what) })),
  ];
}

const GPU_KEY = 'requests.nvidia.com/gpu';

function quotaRisks(pairs: readonly Pair[], env: readonly DistObject[]): Risk[] {
  const out: Risk[] = [];
  const hard = (d?: DistObject) => ((d?.object.spec as { hard?: Record<string, string | number> } | undefined)?.hard ?? {});
  let gpuDelta = 0;
  for (const p of pairs.filter((x) => x.change.kind === 'ResourceQuota')) {
    const b = hard(p.b);
    const a = hard(p.a);
    const deltas: string[] = [];
    for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
      if (String(b[k]) === String(a[k])) continue;
      const d = quantityDelta(b[k], a[k]);
      deltas.push(`${k} ${b[k] ?? '(none)'} → ${a[k] ?? '(none)'}${d}`);
      if (k === GPU_KEY) gpuDelta += Number(a[k] ?? 0) - Number(b[k] ?? 0);
    }
    if (deltas.length > 0) {
      const widening = Object.keys(a).some((k) => b[k] === undefined || safeQuantity(a[k]) > safeQuantity(b[k]));
      out.push({ category: 'quota', message: `${p.change.change} ResourceQuota ${p.change.namespace}/${p.change.name}: ${deltas.join('; ')}`, widening });
    }
  }
  if (gpuDelta !== 0) {
    // Capacity: what the GPU NodePools may hold (spec.limits), against every quota's GPUs.
    const capacity = env
      .filter((d) => d.object.kind === 'NodePool')
      .reduce((n, d) => n + Number((d.object.spec as { limits?: Record<string, unknown> })?.limits?.['nvidia.com/gpu'] ?? 0), 0);
    const quota = env.filter((d) => d.object.kind === 'ResourceQuota').reduce((n, d) => n + Number(hard(d)[GPU_KEY] ?? 0), 0);
    out.push({
      category: 'quota',
      message: `GPU quota of all namespaces ${quota - gpuDelta} → ${quota} (${gpuDelta > 0 ? '+' : ''}${gpuDelta}) against ${capacity} GPUs the node pools may hold${quota > capacity ? ': OVER CAPACITY' : ''}`,
      widening: quota > capacity,
    });
  }
  return out;
}

function safeQuantity(v: unknown): number {
  try {
    return v === undefined ? 0 : parseQuantity(v as string);
  } catch {
    return 0;
  }
}

function quantityDelta(before: unknown, after: unknown): string {
  if (before === undefined || after === undefined) return '';
  try {
    const d = parseQuantity(after as string) - parseQuantity(before as string);
    return ` (${d > 0 ? '+' : ''}${Number.isInteger(d) ? d : d.toPrecision(4)})`;
  } catch {
    return '';
  }
}

function networkRisks(pairs: readonly Pair[], base: readonly DistObject[], head: readonly DistObject[]): Risk[] {
  const out: Risk[] = [];
  for (const p of pairs.filter((x) => x.change.kind === 'NetworkPolicy')) {
    out.push({ category: 'network', message: `${p.change.change} NetworkPolicy ${p.change.namespace}/${p.change.name}` });
  }
  const relevant = pairs.some((x) => ['NetworkPolicy', 'Namespace'].includes(x.change.kind) || x.change.kind.match(/^(Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod|ReplicaSet)$/));
  if (!relevant) return out;
  for (const d of matrixDelta(matrixOf(base), matrixOf(head))) {
    out.push({ category: 'network', message: `${d.from} → ${d.to}: ${d.before} → ${d.after}`, widening: d.widening });
  }
  return out;
}

function matrixOf(docs: readonly DistObject[]): ReachabilityMatrix {
  return reachabilityMatrix(modelFromManifests(docs.map((d) => d.object as never)));
}

/** Cells of the namespace matrix that differ; `widening` when the new cell allows a port the old one did not. */
export function matrixDelta(before: ReachabilityMatrix, after: ReachabilityMatrix) {
  const cell = (m: ReachabilityMatrix, f: string, t: string) => m.cells[f]?.[t] ?? PortSet.EMPTY;
  const show = (p: PortSet) => (p.isEmpty() ? 'none' : p.toString());
  const sources = [...new Set([...before.sources, ...after.sources])].sort();
  const destinations = [...new Set([...before.destinations, ...after.destinations])].sort();
  const out: { from: string; to: string; before: string; after: string; widening: boolean }[] = [];
  for (const from of sources) {
    for (const to of destinations) {
      if (from === to) continue;
      const b = cell(before, from, to);
      const a = cell(after, from, to);
      if (b.toString() === a.toString()) continue;
      out.push({ from, to, before: show(b), after: show(a), widening: a.intersect(b).toString() !== a.toString() });
    }
  }
  return out;
}

function crossTenantRisks(pairs: readonly Pair[], changedTenants?: ReadonlySet<string>): Risk[] {
  const out: Risk[] = [];
  const touched = new Set<string>();
  for (const p of pairs) {
    const d = (p.a ?? p.b)!;
    const ns = d.object.metadata.namespace ?? (d.object.kind === 'Namespace' ? d.object.metadata.name : undefined);
    const owner = ns?.match(TENANT_FOLDER)?.[1];
    const folderTenant = d.folder.match(TENANT_FOLDER)?.[1];
    if (owner && folderTenant && owner !== folderTenant) {
      out.push({ category: 'cross-tenant', message: `${p.change.change} ${objectLabel(d.object)} from tenant ${folderTenant}'s folder lands in tenant ${owner}'s namespace`, widening: true });
    }
    const tenant = folderTenant ?? owner;
    if (tenant) touched.add(tenant);
  }
  if (changedTenants) {
    for (const t of [...touched].sort()) {
      if (!changedTenants.has(t)) out.push({ category: 'cross-tenant', message: `objects of tenant ${t} change, but tenants/${t}.yaml does not`, widening: true });
    }
  }
  return out;
}

function appProjectRisks(pairs: readonly Pair[]): Risk[] {
  return pairs
    .filter((p) => p.change.kind === 'AppProject')
    .map((p) => ({
      category: 'appproject',
      message: `${p.change.change} AppProject ${p.change.name}${p.change.fields ? `: ${p.change.fields.map((f) => f.path).join(', ')}` : ''}`,
      widening: p.change.change !== 'removed',
    }));
}

function versionRisks(pairs: readonly Pair[]): Risk[] {
  const out: Risk[] = [];
  for (const p of pairs) {
    for (const f of p.change.fields ?? []) {
      if (/(^|\.)image$/.test(f.path) || (p.change.kind === 'Application' && /^spec\.source\.(targetRevision|chart|repoURL)$/.test(f.path))) {
        out.push({ category: 'version', message: `${objectLabel(p.a!.object)} ${f.path}: ${String(f.before)} → ${String(f.after)}`, widening: true });
      }
    }
    if (p.change.change === 'added' && p.change.kind === 'Application') {
      const src = (p.a!.object.spec as { source?: { repoURL?: string; chart?: string; targetRevision?: string; helm?: unknown } }).source;
      if (src?.helm) out.push({ category: 'version', message: `new Helm add-on ${p.change.name}: ${src.chart ?? src.repoURL} ${src.targetRevision}`, widening: true });
    }
  }
  return out;
}

function pruneRisks(pairs: readonly Pair[], environment: string): Risk[] {
  const removedApps = new Set(pairs.filter((p) => p.change.change === 'removed' && p.change.kind === 'Application').map((p) => p.change.name));
  return pairs
    .filter((p) => p.change.change === 'removed')
    .map((p) => {
      const app = `${environment}-${p.b!.folder}`;
      const why = removedApps.has(app) ? `: its Application ${app} is deleted (with the resources finalizer)` : ` by ${app}`;
      return { category: 'prune', message: `${objectLabel(p.b!.object)} pruned${why}` };
    });
}
