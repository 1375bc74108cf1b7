import { validateObject } from '../validation/validate-object.js';
import { podTemplates, type ManifestLike } from '../lib/pod-templates.js';
import { gpuSchedulingProblems, gpuWorkloads, unpinnedImages } from '../policy/gpu-scheduling.js';

/**
 * Kinds that checks across objects read (besides workloads, which carry pod templates): the reachability analysis
 * (namespaces and their policies) and the GPU proofs (node pools).
 */
const ENVIRONMENT_WIDE_KINDS = new Set(['v1/Namespace', 'networking.k8s.io/v1/NetworkPolicy', 'karpenter.sh/v1/NodePool']);

/** Whether the environment-wide views (the README's reachability matrix, GPU proofs) need to see this object. */
export function isEnvironmentWide(o: ManifestLike): boolean {
  return ENVIRONMENT_WIDE_KINDS.has(`${o.apiVersion}/${o.kind}`) || podTemplates([o]).length > 0;
}

/** Whether the GPU proofs need this object: a node pool, or a workload that requests GPUs. */
export function isGpuRelevant(o: ManifestLike): boolean {
  return (o.apiVersion === 'karpenter.sh/v1' && o.kind === 'NodePool') || gpuWorkloads([o]).length > 0;
}

/** The namespace an object belongs to, for views by namespace: a Namespace's own name, else its namespace ('' if none). */
export function namespaceOf(o: ManifestLike): string {
  return (o.kind === 'Namespace' ? o.metadata?.name : o.metadata?.namespace) ?? '';
}

type Identified = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | undefined;

/** `apiVersion|kind|namespace|name`: what must be unique among the objects Argo CD applies to one cluster set. */
export function identityOf(o: Identified): string {
  return `${o?.apiVersion}|${o?.kind}|${o?.metadata?.namespace ?? ''}|${o?.metadata?.name}`;
}

/** `Kind/namespace/name` (or `Kind/name`), as problems name an object. */
function idOf(o: Identified): string {
  return `${o?.kind ?? '?'}/${o?.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o?.metadata?.name ?? '?'}`;
}

function idOfIdentity(identity: string): string {
  const [apiVersion, kind, namespace, name] = identity.split('|');
  return idOf({ apiVersion, kind, metadata: { namespace: namespace || undefined, name } });
}

/** A unit synth reused: its objects passed every check together in the last run, which saved it. */
export interface ReusedUnit {
  /** The namespaces of its objects ('' for cluster-scoped ones). */
  readonly namespaces: readonly string[];
  /** The identities of its cluster-scoped objects: most units have one or none, and most rebuilt units one too. */
  readonly clusterScoped: readonly string[];
  /** Its objects' files (under dist/<env>/) and identities, read from the cache only when they are needed. */
  identities(): readonly (readonly [file: string, identity: string])[];
}

type Entry = { readonly file: string; readonly identity: string } | { readonly unit: ReusedUnit };

const namespaceOfIdentity = (identity: string) => identity.split('|')[2];

/**
 * Every check of one environment's manifests, fed one object at a time so that synth never holds a whole fleet:
 * each object against its schema and its images pinned, (apiVersion, kind, namespace, name) unique, and, at the
 * end, the GPU proofs over the node pools and GPU workloads. Objects known from synth's cache are fed as what the
 * cache recorded of them (identity, GPU objects), without being read; a whole reused unit as a ReusedUnit.
 */
export class EnvironmentChecks {
  readonly problems: string[] = [];
  private readonly imageProblems: string[] = [];
  /** Objects and reused units in the order they came, which the messages about duplicates follow. */
  private readonly entries: Entry[] = [];
  private readonly gpu: ManifestLike[] = [];
  private readonly fileOf = new Map<ManifestLike, string>();

  /**
   * Checks one object; `file` is its path under dist/<env>/. `knownValid` skips the checks of the object alone, for
   * an object byte-identical to one that passed the same generator's checks before.
   */
  add(file: string, object: unknown, knownValid = false): void {
    const o = object as Identified;
    if (!knownValid) {
      for (const p of validateObject(object)) this.problems.push(`${file}: ${idOf(o)}: ${p}`);
      if (o && typeof o === 'object') this.imageProblems.push(...unpinnedImages([o as ManifestLike]).map((p) => `${file}: ${p}`));
    }
    this.addIdentity(file, identityOf(o));
    if (o && typeof o === 'object' && isGpuRelevant(o as ManifestLike)) this.addGpuObject(file, o as ManifestLike);
  }

  /** Records the identity of an object (see identityOf); a second object with the same identity is a problem. */
  addIdentity(file: string, identity: string): void {
    this.entries.push({ file, identity });
  }

  /** Records a reused unit: its identities are looked at only where a new object could clash with them. */
  addReusedUnit(unit: ReusedUnit): void {
    this.entries.push({ unit });
  }

  /** Records a node pool or GPU workload for the GPU proofs. */
  addGpuObject(file: string, o: ManifestLike): void {
    this.gpu.push(o);
    this.fileOf.set(o, file);
  }

  /** Runs the proofs across objects and returns every problem found. */
  finish(): string[] {
    // Cross-object problems start with the workload ("Deployment ns/name: ..."); name its file like the others.
    const owners = new Map(this.gpu.flatMap((o) => podTemplates([o]).map((t) => [t.owner, this.fileOf.get(o)] as const)));
    const located = (p: string) => `${owners.get(p.slice(0, p.indexOf(': '))) ?? ''}: ${p}`;
    return [...this.problems, ...this.duplicates(), ...gpuSchedulingProblems(this.gpu).map(located), ...this.imageProblems];
  }

  /**
   * Objects with the same identity. Reused units passed this check together in the last run, so only new objects can
   * clash: with each other, or with a reused unit that has objects in the same namespace. Only when one does are all
   * identities gone through in order, for the same messages a full synth gives.
   */
  private duplicates(): string[] {
    const fresh = new Set<string>();
    let clash = false;
    for (const e of this.entries) {
      if ('unit' in e) continue;
      if (fresh.has(e.identity)) clash = true;
      fresh.add(e.identity);
    }
    const namespaces = new Set([...fresh].map(namespaceOfIdentity));
    for (const e of this.entries) {
      if (clash) break;
      if (!('unit' in e)) continue;
      if (namespaces.has('')) clash = e.unit.clusterScoped.some((identity) => fresh.has(identity));
      if (!clash && e.unit.namespaces.some((n) => n !== '' && namespaces.has(n))) clash = e.unit.identities().some(([, identity]) => fresh.has(identity));
    }
    if (!clash) return [];
    const problems: string[] = [];
    const seen = new Map<string, string>();
    const check = (file: string, identity: string) => {
      const other = seen.get(identity);
      if (other) problems.push(`${file}: ${idOfIdentity(identity)}: also defined in ${other}; Argo CD would fight over it`);
      else seen.set(identity, file);
    };
    for (const e of this.entries) {
      if ('unit' in e) for (const [file, identity] of e.unit.identities()) check(file, identity);
      else check(e.file, e.identity);
    }
    return problems;
  }
}
