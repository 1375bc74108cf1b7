import { validateObject } from '../validation/validate-object.js';
import type { ManifestDoc } from './read-dist.js';
import { podTemplates, type ManifestLike } from '../lib/pod-templates.js';
import { gpuSchedulingProblems, unpinnedImages } from '../policy/gpu-scheduling.js';

/**
 * Kinds that checks across objects read (besides workloads, which carry pod templates): the reachability analysis
 * (namespaces and their policies) and the GPU proofs (node pools).
 */
const ENVIRONMENT_WIDE_KINDS = new Set(['v1/Namespace', 'networking.k8s.io/v1/NetworkPolicy', 'karpenter.sh/v1/NodePool']);

/** Whether the environment-wide checks (GPU proofs, reachability) need to see this object. */
export function isEnvironmentWide(o: ManifestLike): boolean {
  return ENVIRONMENT_WIDE_KINDS.has(`${o.apiVersion}/${o.kind}`) || podTemplates([o]).length > 0;
}

type Identified = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | undefined;

/** `Kind/namespace/name` (or `Kind/name`), as problems name an object. */
function idOf(o: Identified): string {
  return `${o?.kind ?? '?'}/${o?.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o?.metadata?.name ?? '?'}`;
}

/**
 * Every check of one environment's manifests, fed one object at a time so that synth never holds a whole fleet:
 * each object against its schema, (apiVersion, kind, namespace, name) unique, and, at the end, the proofs across
 * objects (GPU scheduling, pinned images) over the objects that matter to them.
 */
export class EnvironmentChecks {
  readonly problems: string[] = [];
  /** The objects the environment-wide checks need (see isEnvironmentWide), with their files. */
  readonly environmentWide: ManifestLike[] = [];
  private readonly fileOf = new Map<ManifestLike, string>();
  private readonly seen = new Map<string, string>();

  /**
   * Checks one object; `file` is its path under dist/<env>/. `knownValid` skips its schema validation, for an object
   * byte-identical to one that passed the same generator's validation before.
   */
  add(file: string, object: unknown, knownValid = false): void {
    const o = object as Identified;
    if (!knownValid) for (const p of validateObject(object)) this.problems.push(`${file}: ${idOf(o)}: ${p}`);
    this.addIdentity(file, object);
    if (o && typeof o === 'object' && isEnvironmentWide(o)) this.addEnvironmentWide(file, o as ManifestLike);
  }

  /** Records an object already known valid (synth's reused charts): its identity, and what the proofs need. */
  addIdentity(file: string, object: unknown): void {
    const o = object as Identified;
    const key = `${o?.apiVersion}|${o?.kind}|${o?.metadata?.namespace ?? ''}|${o?.metadata?.name}`;
    const other = this.seen.get(key);
    if (other) this.problems.push(`${file}: ${idOf(o)}: also defined in ${other}; Argo CD would fight over it`);
    else this.seen.set(key, file);
  }

  addEnvironmentWide(file: string, o: ManifestLike): void {
    this.environmentWide.push(o);
    this.fileOf.set(o, file);
  }

  /** Runs the proofs across objects and returns every problem found. */
  finish(): string[] {
    // Cross-object problems start with the workload ("Deployment ns/name: ..."); name its file like the others.
    const owners = new Map(this.environmentWide.flatMap((o) => podTemplates([o]).map((t) => [t.owner, this.fileOf.get(o)] as const)));
    const located = (p: string) => `${owners.get(p.slice(0, p.indexOf(': '))) ?? ''}: ${p}`;
    return [...this.problems, ...[...gpuSchedulingProblems(this.environmentWide), ...unpinnedImages(this.environmentWide)].map(located)];
  }
}

/**
 * Every check of one environment's manifests as read back from disk (`npm run validate`). `knownValid` says which
 * documents are byte-identical to objects that already passed the schema checks.
 */
export function checkEnvironmentManifests(docs: readonly ManifestDoc[], knownValid: (doc: ManifestDoc) => boolean = () => false): string[] {
  const checks = new EnvironmentChecks();
  for (const doc of docs) {
    if (doc.parseError) checks.problems.push(`${doc.file}: YAML error: ${doc.parseError}`);
    else if (doc.object !== null && doc.object !== undefined) checks.add(doc.file, doc.object, knownValid(doc));
  }
  return checks.finish();
}
