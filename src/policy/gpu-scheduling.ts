import { GPU_INSTANCE_TYPES } from '../lib/gpu-instances.js';
import { podTemplates, type ManifestLike, type PodSpecTemplate } from '../lib/pod-templates.js';

/**
 * Proofs about GPU workloads, computed from synthesized manifests (what Argo CD applies), not from the inputs:
 * every pod template that requests nvidia.com/gpu can be scheduled on some Karpenter NodePool, requests equal
 * limits, GPU pods tolerate the GPU taint, and images are pinned.
 */

type Toleration = NonNullable<PodSpecTemplate['tolerations']>[number];
interface Taint { key: string; value?: string; effect: string }
interface Requirement { key: string; operator: string; values?: string[] }

interface Pool {
  readonly name: string;
  readonly taints: readonly Taint[];
  readonly labels: Readonly<Record<string, string>>;
  readonly requirements: readonly Requirement[];
}

export interface GpuWorkload {
  readonly id: string;
  readonly spec: PodSpecTemplate;
  readonly gpus: number;
}

/** Pod templates of the manifests that request GPUs. */
export function gpuWorkloads(objects: readonly ManifestLike[]): GpuWorkload[] {
  return podTemplates(objects).flatMap((t) => {
    const gpus = t.spec.containers.reduce((acc, c) => acc + Number(c.resources?.limits?.['nvidia.com/gpu'] ?? c.resources?.requests?.['nvidia.com/gpu'] ?? 0), 0);
    return gpus > 0 ? [{ id: t.owner, spec: t.spec, gpus }] : [];
  });
}

function poolsOf(objects: readonly ManifestLike[]): Pool[] {
  return objects
    .filter((o) => o.apiVersion === 'karpenter.sh/v1' && o.kind === 'NodePool')
    .map((o) => {
      const template = (o.spec as { template: { metadata?: { labels?: Record<string, string> }; spec: { taints?: Taint[]; requirements: Requirement[] } } }).template;
      return {
        name: o.metadata?.name ?? '',
        taints: template.spec.taints ?? [],
        // Karpenter labels every node with its pool's name.
        labels: { ...template.metadata?.labels, 'karpenter.sh/nodepool': o.metadata?.name ?? '' },
        requirements: template.spec.requirements,
      };
    });
}

function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** The values a node of the pool may have for `key`: a set, or undefined for "not constrained by the pool". */
function poolValues(pool: Pool, key: string): Set<string> | undefined {
  if (key in pool.labels) return new Set([pool.labels[key]]);
  const req = pool.requirements.find((r) => r.key === key && r.operator === 'In');
  return req ? new Set(req.values ?? []) : undefined;
}

function satisfiable(pool: Pool, r: Requirement): boolean {
  const allowed = poolValues(pool, r.key);
  switch (r.operator) {
    case 'In':
      return allowed === undefined ? isOpenKey(r.key) : (r.values ?? []).some((v) => allowed.has(v));
    case 'NotIn':
      return allowed === undefined || [...allowed].some((v) => !(r.values ?? []).includes(v));
    case 'Exists':
      return allowed !== undefined || isOpenKey(r.key);
    case 'DoesNotExist':
      return allowed === undefined && !isOpenKey(r.key);
    default:
      return true;
  }
}

/** Well-known labels Karpenter sets on every node even when the pool does not constrain them. */
function isOpenKey(key: string): boolean {
  return ['topology.kubernetes.io/zone', 'node.kubernetes.io/instance-type', 'kubernetes.io/hostname', 'karpenter.k8s.aws/instance-family'].includes(key);
}

/** Why `workload` cannot run on `pool`, or undefined when it can. */
export function whyNotSchedulable(workload: GpuWorkload, pool: Pool): string | undefined {
  const tolerations = workload.spec.tolerations ?? [];
  const untolerated = pool.taints.filter((t) => !tolerates(tolerations, t));
  if (untolerated.length > 0) return `does not tolerate taint ${untolerated.map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).join(', ')}`;
  for (const [key, value] of Object.entries(workload.spec.nodeSelector ?? {})) {
    if (!satisfiable(pool, { key, operator: 'In', values: [value] })) return `nodeSelector ${key}=${value} matches no node of the pool`;
  }
  const terms = workload.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  let instanceTypes = (poolValues(pool, 'node.kubernetes.io/instance-type') ?? new Set(Object.keys(GPU_INSTANCE_TYPES))) as Set<string>;
  if (terms && terms.length > 0) {
    const term = terms.find((t) => (t.matchExpressions ?? []).every((r) => satisfiable(pool, r)));
    if (!term) return 'required node affinity matches no node of the pool';
    const typeReq = (term.matchExpressions ?? []).find((r) => r.key === 'node.kubernetes.io/instance-type' && r.operator === 'In');
    if (typeReq) instanceTypes = new Set([...instanceTypes].filter((t) => (typeReq.values ?? []).includes(t)));
  }
  const fits = [...instanceTypes].filter((t) => (GPU_INSTANCE_TYPES[t]?.gpus ?? 0) >= workload.gpus);
  if (fits.length === 0) return `no allowed instance type has ${workload.gpus} GPUs (${[...instanceTypes].join(', ') || 'none'})`;
  return undefined;
}

/** Every problem of the GPU workloads in `objects`, each naming the workload and the reason. */
export function gpuSchedulingProblems(objects: readonly ManifestLike[]): string[] {
  const pools = poolsOf(objects);
  const problems: string[] = [];
  for (const w of gpuWorkloads(objects)) {
    for (const c of w.spec.containers) {
      const req = c.resources?.requests?.['nvidia.com/gpu'];
      const lim = c.resources?.limits?.['nvidia.com/gpu'];
      if (req !== undefined && String(req) !== String(lim)) problems.push(`${w.id}: container ${c.name} requests ${req} GPUs but limits ${lim}; GPUs cannot be overcommitted, set both equal`);
    }
    if (!(w.spec.tolerations ?? []).some((t) => t.key === 'nvidia.com/gpu' || (t.operator === 'Exists' && !t.key))) {
      problems.push(`${w.id}: requests GPUs but does not tolerate the nvidia.com/gpu taint`);
    }
    const reasons = pools.map((p) => [p.name, whyNotSchedulable(w, p)] as const);
    if (!reasons.some(([, why]) => why === undefined)) {
      problems.push(`${w.id}: ${w.gpus} GPUs fit no NodePool (${reasons.map(([n, why]) => `${n}: ${why}`).join('; ') || 'there are no NodePools'})`);
    }
  }
  return problems;
}

/** Images that are not pinned: no tag, or the tag "latest". */
export function unpinnedImages(objects: readonly ManifestLike[]): string[] {
  return podTemplates(objects).flatMap((t) =>
    [...t.spec.containers, ...(t.spec.initContainers ?? [])].flatMap((c) => {
      const image = c.image ?? '';
      const tag = /:([^/:@]+)$/.exec(image.split('@')[0])?.[1];
      const pinned = image.includes('@sha256:') || (tag !== undefined && tag !== 'latest');
      return pinned ? [] : [`${t.owner}: container ${c.name} image "${image}" is not pinned; use a version tag or a digest`];
    }),
  );
}
