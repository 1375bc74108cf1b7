import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml } from './yaml-reader.js';

/** A manifest read back from disk: every YAML document of every .yaml file under a folder. */
export interface ManifestDoc {
  readonly file: string;
  readonly object: unknown;
  readonly parseError?: string;
  /** The file's text, for documents read from a single-document file (validate recognizes ones it has seen). */
  readonly text?: string;
}

/** Every .yaml file under `root` (relative paths, sorted), read and parsed. */
export function readManifests(root: string): ManifestDoc[] {
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
  return files.flatMap((file) => readManifestFile(root, file));
}

/** The documents of one .yaml file (`file` relative to `root`), or one document with the file's YAML error. */
export function readManifestFile(root: string, file: string): ManifestDoc[] {
  const text = readFileSync(join(root, file), 'utf8');
  const { documents, error } = readYaml(text);
  if (error) return [{ file, object: undefined, parseError: error }];
  return documents.map((object) => ({ file, object, text: documents.length === 1 ? text : undefined }));
}
