import { validateObject } from '../validation/validate-object.js';
import type { ManifestDoc } from './read-dist.js';
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

/**
 * Every check of one environment's manifests, fed one object at a time so that synth never holds a whole fleet:
 * each object against its schema and its images pinned, (apiVersion, kind, namespace, name) unique, and, at the
 * end, the GPU proofs over the node pools and GPU workloads. Objects known from synth's cache are fed as what the
 * cache recorded of them (identity, GPU objects), without being read.
 */
export class EnvironmentChecks {
  readonly problems: string[] = [];
  private readonly imageProblems: string[] = [];
  private readonly seen = new Map<string, string>();
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
    const other = this.seen.get(identity);
    if (other) this.problems.push(`${file}: ${idOfIdentity(identity)}: also defined in ${other}; Argo CD would fight over it`);
    else this.seen.set(identity, file);
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
    return [...this.problems, ...gpuSchedulingProblems(this.gpu).map(located), ...this.imageProblems];
  }
}

/**
 * Every check of one environment's manifests as read back from disk (`npm run validate`). `knownValid` says which
 * documents are byte-identical to objects that already passed the checks of an object alone.
 */
export function checkEnvironmentManifests(docs: readonly ManifestDoc[], knownValid: (doc: ManifestDoc) => boolean = () => false): string[] {
  const checks = new EnvironmentChecks();
  for (const doc of docs) {
    if (doc.parseError) checks.problems.push(`${doc.file}: YAML error: ${doc.parseError}`);
    else if (doc.object !== null && doc.object !== undefined) checks.add(doc.file, doc.object, knownValid(doc));
  }
  return checks.finish();
}
