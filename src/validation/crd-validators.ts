import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, schemaFile } from './schema-files.js';
import { IMPORTS_DIR } from '../lib/generator.js';

/** Schemas generated from the CRDs vendored in vendor/crds (see scripts/generate-crd-schemas.ts). */
const FOLDER = 'crd-schemas';

export interface CrdValidator {
  readonly namespaced: boolean;
  validate(obj: unknown): string[];
}

/** The validator generated from a vendored CRD for this kind, if there is one. */
export function crdValidator(apiVersion: string, kind: string): CrdValidator | undefined {
  const file = schemaFile(FOLDER, apiVersion, kind);
  if (!file) return undefined;
  return {
    namespaced: file.schema['x-scope'] === 'Namespaced',
    validate: (obj) => file.errors(obj).map(describeError),
  };
}

/** Every kind the generated CRD schemas cover, as "group/version/Kind". */
export function crdKinds(): string[] {
  const dir = join(IMPORTS_DIR, FOLDER);
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const group of readdirSync(dir).sort())
    for (const version of readdirSync(join(dir, group)).sort())
      for (const file of readdirSync(join(dir, group, version)).sort()) out.push(`${group}/${version}/${file.replace(/\.json$/, '')}`);
  return out;
}
