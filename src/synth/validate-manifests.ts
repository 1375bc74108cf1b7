import { validateObject } from '../validation/validate-object.js';
import type { ManifestDoc } from './read-dist.js';
import { podTemplates, type ManifestLike } from '../lib/pod-templates.js';
import { gpuSchedulingProblems, unpinnedImages } from '../policy/gpu-scheduling.js';

/**
 * Every check of one environment's manifests, as read back from disk: each object against its schema,
 * (apiVersion, kind, namespace, name) unique, and the cross-object proofs (GPU scheduling, pinned images).
 * Synth runs it on its staging folder before swapping it in; `npm run validate` runs it on dist/.
 */
export function checkEnvironmentManifests(docs: readonly ManifestDoc[]): string[] {
  const read = docs.filter((d) => d.object && typeof d.object === 'object');
  const objects = read.map((d) => d.object as ManifestLike);
  // Cross-object problems start with the workload ("Deployment ns/name: ..."); name its file like the others.
  const fileOf = new Map(read.flatMap((d) => podTemplates([d.object as ManifestLike]).map((t) => [t.owner, d.file] as const)));
  const located = (p: string) => `${fileOf.get(p.slice(0, p.indexOf(': '))) ?? ''}: ${p}`;
  return [...validateManifests(docs), ...[...gpuSchedulingProblems(objects), ...unpinnedImages(objects)].map(located)];
}

/** Validates every manifest and checks that (apiVersion, kind, namespace, name) is unique across them. */
function validateManifests(docs: readonly ManifestDoc[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const doc of docs) {
    if (doc.parseError) {
      problems.push(`${doc.file}: YAML error: ${doc.parseError}`);
      continue;
    }
    const o = doc.object as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };
    const id = `${o?.kind ?? '?'}/${o?.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o?.metadata?.name ?? '?'}`;
    for (const p of validateObject(doc.object)) problems.push(`${doc.file}: ${id}: ${p}`);
    const key = `${o?.apiVersion}|${o?.kind}|${o?.metadata?.namespace ?? ''}|${o?.metadata?.name}`;
    const other = seen.get(key);
    if (other) problems.push(`${doc.file}: ${id}: also defined in ${other}; Argo CD would fight over it`);
    else seen.set(key, doc.file);
  }
  return problems;
}
