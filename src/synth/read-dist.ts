import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A manifest read back from disk: every YAML document of every .yaml file under a folder. */
export interface ManifestDoc {
  readonly file: string;
  readonly object: unknown;
  readonly parseError?: string;
}

export function readManifests(root: string, base = root): ManifestDoc[] {
  const out: ManifestDoc[] = [];
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...readManifests(path, base));
    else if (name.endsWith('.yaml')) {
      const file = relative(base, path);
      for (const doc of parseAllDocuments(readFileSync(path, 'utf8'), { version: '1.1' })) {
        if (doc.errors.length > 0) out.push({ file, object: undefined, parseError: doc.errors[0].message });
        else if (doc.contents !== null) out.push({ file, object: doc.toJS() });
      }
    }
  }
  return out;
}
