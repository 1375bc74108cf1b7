import { validateObject } from '../validation/validate-object.js';
import type { ManifestDoc } from './read-dist.js';

/** Validates every manifest and checks that (apiVersion, kind, namespace, name) is unique across them. */
export function validateManifests(docs: readonly ManifestDoc[]): string[] {
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
