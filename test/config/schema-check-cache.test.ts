import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaCheck } from '../../src/config/schema-check.js';
import { Environment } from '../../src/config/schema/environment.js';
import { Tenant } from '../../src/config/schema/tenant.js';
import { YamlSource } from '../../src/config/yaml-source.js';
import { INPUT_STANDALONE, loadStandalone, OUTPUT_STANDALONE, type ValidateFn } from '../../src/validation/standalone-code.js';
import { cacheKey, cachedValidator } from '../../src/validation/validator-cache.js';
import { ENV, envWith, TENANT, tenantPlus } from './fixture-repo.js';

/**
 * The input schemas' validators come from the on-disk cache of ajv standalone code (validator-cache.ts). They must
 * behave exactly as the schema compiled in memory the way SchemaCheck always compiled it: the same verdicts, the same
 * defaults written into the data, the same errors (the messages are made from them).
 */

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The schema compiled as SchemaCheck did before its validators were cached: the reference. */
function freshlyCompiled(schema: TSchema): ValidateFn {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return ajv.compile(schema);
}

const fixture = (path: string) => readFileSync(join(import.meta.dirname, '../fixtures/platform', path), 'utf8');

/** [what, schema, YAML text]: the fixture inputs, then bad inputs that exercise each kind of error. */
const INPUTS: [string, TSchema, string][] = [
  ['the environment fixture', Environment, ENV],
  ['the tenant fixture', Tenant, TENANT],
  ['fixtures/platform dev', Environment, fixture('environments/dev.yaml')],
  ['fixtures/platform prod', Environment, fixture('environments/prod.yaml')],
  ['fixtures/platform tenant a', Tenant, fixture('tenants/a.yaml')],
  ['fixtures/platform tenant b', Tenant, fixture('tenants/b.yaml')],
  ['a word for a count', Tenant, tenantPlus('quota:\n  gpus: four\n  pods: -1\n')],
  ['unknown keys', Tenant, tenantPlus('quotas:\n  gpus: 1\nfoo: 2\n')],
  ['a missing required key', Tenant, TENANT.replace('displayName: Acme\n', '')],
  ['a bad email and a duplicate owner', Tenant, TENANT.replace('owners: [ops@acme.example]', 'owners: [not-an-email, a@b.example, a@b.example]')],
  ['an empty list and a long text', Tenant, TENANT.replace('environments: [prod]', 'environments: []').replace('displayName: Acme', `displayName: ${'x'.repeat(300)}`)],
  ['a wrong enum and a wrong type', Environment, envWith('engine: vllm', 'engine: tgi').replace('gpusPerReplica: 1', 'gpusPerReplica: "one"')],
  ['a wrong capacity type (union of constants)', Environment, envWith('capacityTypes: [on-demand]', 'capacityTypes: [reserved]')],
  ['URLs that fail the uri format and the https pattern', Environment, fixture('environments/prod.yaml')
    .replace(/jwksUrl: https:\/\/\S+/, 'jwksUrl: "https://exa mple.com/jwks json"')
    .replace(/issuer: https:\/\//, 'issuer: http://')],
  ['not a mapping where one belongs', Environment, envWith('aws:\n  accountId: "111122223333"\n  region: us-west-2', 'aws: [1, 2]')],
];

/** Everything about an error that SchemaCheck reads (messages are made from these), as plain data. */
const plain = (errors: ErrorObject[] | null | undefined): unknown => JSON.parse(JSON.stringify(errors ?? null));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'schema-check-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cacheFile = (schema: TSchema) => join(dir, `${cacheKey(schema, INPUT_STANDALONE)}.cjs`);
const sound = (code: string) => `// sha256 ${createHash('sha256').update(code).digest('hex')}\n${code}`;

/** Runs both validators on their own copy of the input; expects the same verdict, defaults and errors. */
function expectSame(reference: ValidateFn, cached: ValidateFn, text: string): boolean {
  const source = YamlSource.parse('input.yaml', text).source;
  const [a, b] = [source.toJS(), source.toJS()];
  const valid = reference(a);
  expect(cached(b)).toBe(valid);
  expect(b).toEqual(a); // defaults applied alike
  expect(plain(cached.errors)).toEqual(plain(reference.errors));
  return valid;
}

describe('cached input validators', () => {
  const references = new Map<TSchema, ValidateFn>([Tenant, Environment].map((s) => [s, freshlyCompiled(s)]));

  it('give the values and errors of a freshly compiled schema, compiled now and loaded from the cache', () => {
    for (const schema of [Tenant, Environment]) {
      const compiledNow = cachedValidator(schema, dir, INPUT_STANDALONE);
      const written = statSync(cacheFile(schema)).mtimeMs;
      const loaded = cachedValidator(schema, dir, INPUT_STANDALONE);
      expect(statSync(cacheFile(schema)).mtimeMs).toBe(written); // read, not compiled again
      expect(loaded).not.toBe(compiledNow);
      for (const [what, s, text] of INPUTS.filter(([, s]) => s === schema)) {
        for (const validate of [compiledNow, loaded]) {
          const valid = expectSame(references.get(s)!, validate, text);
          expect(valid, what).toBe(!INPUTS.slice(6).some(([w]) => w === what)); // the first six are valid
        }
      }
    }
  });

  it('apply defaults to the data, as useDefaults does', () => {
    const validate = cachedValidator(Tenant, dir, INPUT_STANDALONE);
    const data = YamlSource.parse('t.yaml', TENANT).source.toJS() as Record<string, unknown>;
    const before = JSON.stringify(data);
    expect(validate(data)).toBe(true);
    expect(JSON.stringify(data)).not.toBe(before);
    expect(Object.keys(data).length).toBeGreaterThan(Object.keys(JSON.parse(before) as object).length);
  });

  it('make the same messages from a warm cache as from a cold one', () => {
    const cold = new SchemaCheck(Environment, dir);
    const warm = new SchemaCheck(Environment, dir);
    for (const [what, , text] of INPUTS.filter(([, s]) => s === Environment)) {
      const source = YamlSource.parse('environments/prod.yaml', text).source;
      expect(warm.check(source, source.toJS()), what).toEqual(cold.check(source, source.toJS()));
    }
    const bad = YamlSource.parse('environments/prod.yaml', INPUTS.at(-2)![2]).source;
    expect(warm.check(bad, bad.toJS()).errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      'gateway.clients.jwt.issuer: must be an https:// URL (got "http://cognito-idp.us-west-2.amazonaws.com/us-west-2_ProdPool1")',
      'gateway.clients.jwt.jwksUrl: must be an https:// URL (got "https://exa mple.com/jwks json")',
    ]);
  });

  it('are not compiled or loaded before a file is checked', () => {
    new SchemaCheck(Tenant, dir);
    new SchemaCheck(Environment, dir);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2)],
    ['with one byte changed', (t: string) => t.replace('"uri"', '"url"')],
    ['empty', () => ''],
    ['garbage', () => '\u0000\u0001 not code at all'],
    ['sound but requiring another module', () => sound('module.exports = require("fs").existsSync')],
    ['sound but requiring ajv-formats itself', () => sound('module.exports = require("ajv-formats")')],
    ['sound but accepting everything... with a wrong header', (t: string) => `${t.slice(0, t.indexOf('\n') + 1)}module.exports = () => true;`],
  ])('ignore a corrupt cache file (%s), compile afresh and repair it', (_what, damage) => {
    cachedValidator(Environment, dir, INPUT_STANDALONE);
    const good = readFileSync(cacheFile(Environment), 'utf8');
    writeFileSync(cacheFile(Environment), damage(good));
    const validate = cachedValidator(Environment, dir, INPUT_STANDALONE);
    for (const [, schema, text] of INPUTS.filter(([, s]) => s === Environment)) expectSame(references.get(schema)!, validate, text);
    expect(readFileSync(cacheFile(Environment), 'utf8')).toBe(good);
  });

  it('have keys of their own, and only they may require ajv-formats', () => {
    expect(cacheKey(Tenant, INPUT_STANDALONE)).not.toBe(cacheKey(Tenant, OUTPUT_STANDALONE));
    expect(cacheKey(Tenant, INPUT_STANDALONE)).not.toBe(cacheKey(Environment, INPUT_STANDALONE));
    const code = 'module.exports = require("ajv-formats/dist/formats").fullFormats.uri;';
    expect(() => loadStandalone(code)).toThrow('generated validator requires ajv-formats/dist/formats');
    expect(loadStandalone(code, { formats: true })('https://example.com')).toBe(true);
    expect(() => loadStandalone('module.exports = require("ajv-formats")', { formats: true })).toThrow('requires ajv-formats');
  });
});
