/**
 * Writes imports/helm-values.json: the key tree of every vendored default values file,
 * vendor/helm-values/<chart>/<version>/values.yaml, keyed "<chart>/<version>". Maps keep their keys; lists, scalars
 * and null become null (anything goes below them). Istio's `_internal_defaults_do_not_set` is lifted to the top, as
 * its charts do before rendering. Synth checks every add-on's values against it (src/argocd/helm-values.ts); it is
 * bundled with the code, so the check needs no file at run time.
 *
 * Run: npm run generate
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const VENDOR = 'vendor/helm-values';
const OUT = 'imports/helm-values.json';

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shape = (v: unknown): unknown => (isMap(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape(v[k])])) : null);

const out: Record<string, unknown> = {};
for (const chart of readdirSync(VENDOR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
  for (const version of readdirSync(join(VENDOR, chart), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const doc = (parse(readFileSync(join(VENDOR, chart, version, 'values.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
    const { _internal_defaults_do_not_set: internal, ...rest } = doc;
    out[`${chart}/${version}`] = shape(isMap(internal) ? { ...internal, ...rest } : doc);
  }
}
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(OUT);
