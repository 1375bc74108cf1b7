import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORTS_DIR } from '../lib/generator.js';
import type { ErrorObject } from 'ajv';
import { splitSchema } from './split-schema.js';
import { cachedValidator } from './validator-cache.js';
import type { ValidateFn } from './standalone-code.js';

/** A generated JSON Schema of one kind, compiled on first use (most runs touch few of them). */
export interface SchemaFile {
  readonly schema: Readonly<Record<string, unknown>> & { readonly $comment: string };
  errors(obj: unknown): ErrorObject[];
}

const cache = new Map<string, SchemaFile | null>();

/** The schema at imports/<folder>/<group>/<version>/<Kind>.json, if there is one. */
export function schemaFile(folder: string, apiVersion: string, kind: string): SchemaFile | undefined {
  const key = `${folder}|${apiVersion}|${kind}`;
  if (!cache.has(key)) cache.set(key, load(join(IMPORTS_DIR, folder), apiVersion, kind));
  return cache.get(key) ?? undefined;
}

function load(dir: string, apiVersion: string, kind: string): SchemaFile | null {
  if (!apiVersion.includes('/')) return null; // core group: covered by kubernetes-models
  const [group, version] = apiVersion.split('/');
  const file = join(dir, group, version, `${kind}.json`);
  if (!existsSync(file)) return null;
  const schema = JSON.parse(readFileSync(file, 'utf8')) as SchemaFile['schema'];
  let fn: ValidateFn | undefined;
  return {
    schema,
    errors(obj) {
      fn ??= cachedValidator(splitSchema(schema));
      return fn(obj) ? [] : [...(fn.errors ?? [])];
    },
  };
}

/** "spec.template must NOT have additional properties "x" (unknown field)"-style text for one ajv error. */
export function describeError(e: ErrorObject): string {
  const at = e.instancePath.slice(1).replace(/\//g, '.') || '(root)';
  const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}" (unknown field)` : '';
  return `${at} ${e.message}${extra}`;
}
