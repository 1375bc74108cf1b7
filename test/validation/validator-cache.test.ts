import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, cachedValidator } from '../../src/validation/validator-cache.js';

/** The on-disk cache of compiled validators: used when sound and current, ignored otherwise, never required. */

const schema = { type: 'object', properties: { port: { type: 'integer', maximum: 65535 } }, additionalProperties: false };
const errorsOf = (validate: ReturnType<typeof cachedValidator>, data: unknown) => (validate(data) ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'validator-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cacheFile = () => join(dir, `${cacheKey(schema)}.cjs`);
/** A cache file whose header matches its code, as the cache writes them. */
const sound = (code: string) => `// sha256 ${createHash('sha256').update(code).digest('hex')}\n${code}`;

describe('cachedValidator', () => {
  it('compiles on a miss, writes the code, and loads it on the next call', () => {
    const first = cachedValidator(schema, dir);
    expect(errorsOf(first, { port: 70000 })).toEqual(['/port must be <= 65535']);
    expect(readdirSync(dir)).toEqual([`${cacheKey(schema)}.cjs`]);
    const written = statSync(cacheFile()).mtimeMs;
    const second = cachedValidator(schema, dir);
    expect(errorsOf(second, { port: 'x', other: 1 })).toEqual([' must NOT have additional properties', '/port must be integer']);
    expect(statSync(cacheFile()).mtimeMs).toBe(written); // read, not rewritten
  });

  it('uses the cached code (so a sound file is what runs)', () => {
    // A sound file, written by hand, that accepts everything: the proof that a hit skips compiling.
    cachedValidator(schema, dir);
    const text = readFileSync(cacheFile(), 'utf8');
    const code = 'module.exports = function validate() { return true; };';
    writeFileSync(cacheFile(), sound(code));
    expect(cachedValidator(schema, dir)({ port: 'x' })).toBe(true);
    writeFileSync(cacheFile(), text);
  });

  it('never reads a stale file: another schema has another key', () => {
    const other = { ...schema, properties: { port: { type: 'integer', maximum: 1024 } } };
    expect(cacheKey(other)).not.toBe(cacheKey(schema));
    cachedValidator(schema, dir);
    expect(errorsOf(cachedValidator(other, dir), { port: 2000 })).toEqual(['/port must be <= 1024']);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2)],
    ['with one byte changed', (t: string) => t.replace('65535', '65536')],
    ['empty', () => ''],
    ['without a header', (t: string) => t.slice(t.indexOf('\n') + 1)],
    ['garbage', () => '\u0000\u0001 not code at all'],
  ])('ignores a corrupt file (%s), compiles afresh and repairs it', (_what, damage) => {
    cachedValidator(schema, dir);
    const good = readFileSync(cacheFile(), 'utf8');
    writeFileSync(cacheFile(), damage(good));
    expect(errorsOf(cachedValidator(schema, dir), { port: 70000 })).toEqual(['/port must be <= 65535']);
    expect(readFileSync(cacheFile(), 'utf8')).toBe(good);
  });

  it('ignores a sound file whose code cannot be loaded', () => {
    for (const code of ['throw new Error("boom")', 'module.exports = 42', 'require("fs")', 'syntax error(']) {
      writeFileSync(cacheFile(), sound(code));
      expect(errorsOf(cachedValidator(schema, dir), { port: 70000 })).toEqual(['/port must be <= 65535']);
    }
  });

  it('works without a writable cache', () => {
    const blocked = join(dir, 'file');
    writeFileSync(blocked, 'not a folder');
    expect(errorsOf(cachedValidator(schema, join(blocked, 'validators')), { port: 70000 })).toEqual(['/port must be <= 65535']);
    expect(readdirSync(dir)).toEqual(['file']); // and leaves no temporary file behind
  });
});

describe('pruning', () => {
  it('removes files written long ago when it compiles, and keeps recent ones', () => {
    const old = join(dir, 'old.cjs');
    const recent = join(dir, 'recent.cjs');
    const deadTmp = join(dir, 'x.cjs.123.tmp');
    for (const f of [old, recent, deadTmp]) writeFileSync(f, '');
    const longAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    utimesSync(old, longAgo, longAgo);
    utimesSync(deadTmp, new Date(Date.now() - 2 * 3600 * 1000), new Date(Date.now() - 2 * 3600 * 1000));
    cachedValidator(schema, dir);
    expect(readdirSync(dir).sort()).toEqual([`${cacheKey(schema)}.cjs`, 'recent.cjs'].sort());
  });
});
