import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { IMPORTS_DIR } from '../../src/lib/generator.js';
import { splitSchema } from '../../src/validation/split-schema.js';
import { cachedValidator } from '../../src/validation/validator-cache.js';

/**
 * Splitting a schema (and loading its compiled code from the cache) must not change a single error: for every
 * generated schema, documents built from the schema itself, right and wrong in every field, get the same errors in
 * the same order from the split schema as from the schema compiled as it is, the way validation used to.
 */

type Schema = Record<string, unknown>;

const schemaFiles = (folder: string): string[] =>
  readdirSync(join(IMPORTS_DIR, folder), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(IMPORTS_DIR, folder, f));

/** What a user sees of an error (describeError) and what model-unknown-fields filters on. */
const visible = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, params: e.params, message: e.message }));

type Mode = 'right' | 'wrong' | 'empty';

/**
 * A document that visits every property of the schema. "right" gives each leaf a value of its type (the first enum
 * value, the const), "wrong" gives each leaf a value of another type and each object an unknown field, "empty" leaves
 * every object without properties (so every required field is missing).
 */
function sample(schema: unknown, root: Schema, mode: Mode, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 40) return null;
  let s = schema as Schema;
  if (typeof s.$ref === 'string') s = s.$ref.split('/').slice(1).reduce<Schema>((at, k) => at[k] as Schema, root);
  const branch = (s.anyOf ?? s.oneOf ?? s.allOf) as unknown[] | undefined;
  if (branch && !s.type && !s.properties) return sample(branch[depth % branch.length], root, mode, depth + 1);
  if ('const' in s) return mode === 'wrong' ? 'not-the-const' : s.const;
  if (Array.isArray(s.enum)) return mode === 'wrong' ? 'not-in-enum' : s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (s.properties || type === 'object' || s.additionalProperties) {
    if (mode === 'empty' && depth > 0) return {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries((s.properties as Schema | undefined) ?? {})) out[k] = sample(v, root, mode, depth + 1);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') out.someKey = sample(s.additionalProperties, root, mode, depth + 1);
    if (mode === 'wrong') out.notAField = 1;
    return out;
  }
  if (s.items || type === 'array') {
    const items = Array.isArray(s.items) ? s.items : [s.items, s.items];
    return mode === 'wrong' && depth % 3 === 0 ? 'not-an-array' : items.map((i) => sample(i, root, mode, depth + 1));
  }
  if (mode === 'wrong') return type === 'string' ? 12345 : 'a string';
  if (type === 'integer' || type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (type === 'boolean') return true;
  return typeof s.minLength === 'number' && s.minLength > 1 ? 'x'.repeat(s.minLength) : 'x';
}

describe.each([['crd-schemas'], ['model-schemas']])('split %s', (folder) => {
  const original = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  it.each(schemaFiles(folder).map((f) => [f.slice(IMPORTS_DIR.length + 1), f]))('%s: same errors as unsplit', (_name, file) => {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Schema;
    const before = original.compile(schema);
    const after = cachedValidator(splitSchema(schema));
    const documents = [
      ...(['right', 'wrong', 'empty'] as const).map((mode) => sample(schema, schema, mode)),
      {}, [], 'text', null, { apiVersion: 1, kind: [], metadata: 'x', spec: null },
    ];
    let failing = 0;
    for (const doc of documents) {
      const ok = before(doc);
      expect(after(doc)).toBe(ok);
      expect(visible(after.errors)).toEqual(visible(before.errors));
      if (!ok) failing += 1;
    }
    // The wrong and empty documents, at least, must exercise errors, or the comparison proves little.
    expect(failing).toBeGreaterThanOrEqual(2);
  });
});

describe('splitSchema', () => {
  it('shares one definition between identical subschemas and leaves the root in place', () => {
    const selector = { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false };
    const split = splitSchema({ type: 'object', properties: { a: selector, b: { ...selector } }, required: ['a'] });
    const props = split.properties as Record<string, { $ref: string }>;
    expect(props.a.$ref).toBe(props.b.$ref);
    expect(split.required).toEqual(['a']);
    expect(Object.keys(split.$defs as object)).toHaveLength(2); // the selector and its string
  });

  it('leaves a schema whose references or base URIs depend on where subschemas sit as it is', () => {
    const deep = { type: 'object', properties: { a: { type: 'string' }, b: { $ref: '#/properties/a' } } };
    expect(splitSchema(deep)).toBe(deep);
    const withId = { type: 'object', properties: { a: { $id: 'x', type: 'string' } } };
    expect(splitSchema(withId)).toBe(withId);
  });

  it('keeps references to whole definitions working', () => {
    const schema = {
      type: 'object',
      definitions: { Port: { type: 'object', properties: { port: { type: 'integer' } }, additionalProperties: false } },
      properties: { ports: { type: 'array', items: { $ref: '#/definitions/Port' } } },
    };
    const validate = new Ajv({ allErrors: true, inlineRefs: false }).compile(splitSchema(schema));
    expect(validate({ ports: [{ port: 1 }] })).toBe(true);
    expect(validate({ ports: [{ port: 'x', other: 1 }] })).toBe(false);
    expect(visible(validate.errors).map((e) => `${e.instancePath} ${e.keyword}`)).toEqual(['/ports/0 additionalProperties', '/ports/0/port type']);
  });
});
