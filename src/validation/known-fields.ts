import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORTS_DIR } from '../lib/generator.js';

type Field = [ref: string | null, shape: 'one' | 'array' | 'map'];
interface FieldTable {
  kinds: Record<string, string>;
  types: Record<string, Record<string, Field>>;
}

/** Generated from the Kubernetes 1.33 OpenAPI types of cdk8s-plus-33 (scripts/generate-k8s-fields.ts). */
const table = JSON.parse(
  readFileSync(join(IMPORTS_DIR, 'k8s-fields.json'), 'utf8'),
) as FieldTable;

/** Whether the field table knows this core kind. */
export function hasCoreFields(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in table.kinds;
}

/**
 * Fields of `obj` that its Kubernetes type does not have: the API server would drop them silently (or reject
 * them with strict field validation), so a typo'd field never takes effect. Returns dotted paths.
 */
export function unknownCoreFields(obj: Record<string, unknown>): string[] {
  const type = table.kinds[`${obj.apiVersion}/${obj.kind}`];
  if (!type) return [];
  const out: string[] = [];
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  walk(rest, type, '', out);
  return out;
}

/** Unknown fields of an ObjectMeta (for custom resources, whose metadata the CRD schema does not describe). */
export function unknownMetadataFields(metadata: unknown): string[] {
  const out: string[] = [];
  walk(metadata, 'ObjectMeta', 'metadata', out);
  return out;
}

function walk(value: unknown, type: string, path: string, out: string[]): void {
  const fields = table.types[type];
  if (!fields || !value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    const field = fields[key];
    if (!field) {
      out.push(at);
      continue;
    }
    const [ref, shape] = field;
    if (!ref) continue;
    if (shape === 'array' && Array.isArray(child)) child.forEach((item, i) => walk(item, ref, `${at}[${i}]`, out));
    else if (shape === 'map' && child && typeof child === 'object') for (const [k, v] of Object.entries(child)) walk(v, ref, `${at}.${k}`, out);
    else walk(child, ref, at, out);
  }
}
