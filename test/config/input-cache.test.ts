import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { loadInputWithSources } from '../../src/config/load.js';
import { InputCache } from '../../src/config/input-cache.js';
import { InputErrors } from '../../src/config/input-error.js';
import { FIXTURE, readInput, removeRepo, scratchRepo, writeInput } from '../support/repo.js';

/** Loads the inputs of `root` through its input cache (saved afterwards, as synth does). */
function cachedLoad(root: string, generator = 'generator-1') {
  const cache = InputCache.open(root, generator);
  try {
    return loadInputWithSources(root, { cache });
  } finally {
    cache.save();
  }
}

const bytesOf = (root: string, rel: string) => readFileSync(join(root, rel));
const statOf = (root: string, rel: string) => statSync(join(root, rel));

const errorsOf = (load: () => unknown) => {
  try {
    load();
  } catch (e) {
    if (e instanceof InputErrors) return e.errors;
    throw e;
  }
  return [];
};

describe('input cache (checked values of unchanged input files)', () => {
  it('gives exactly the input an uncached load gives, on the first run and when every file comes from the cache', () => {
    const root = scratchRepo();
    try {
      const fresh = loadInputWithSources(root).input;
      expect(cachedLoad(root).input).toEqual(fresh);
      expect(cachedLoad(root).input).toEqual(fresh);
    } finally {
      removeRepo(root);
    }
  });

  it('never serves an entry for other bytes or other generator code', () => {
    const root = scratchRepo();
    try {
      cachedLoad(root);
      writeInput(root, 'tenants/a.yaml', readInput(root, 'tenants/a.yaml').replace(/requestsCpu: "?\d+"?/, 'requestsCpu: "7"'));
      expect(cachedLoad(root).input.tenants.find((t) => t.name === 'a')!.quota.requestsCpu).toBe('7');
      // Another generator may check differently (other schema, other defaults): its run checks every file again.
      expect(InputCache.open(root, 'generator-2').get('tenants/a.yaml', bytesOf(root, 'tenants/a.yaml'), statOf(root, 'tenants/a.yaml'))).toBeUndefined();
      expect(InputCache.open(root, 'generator-1').get('tenants/a.yaml', bytesOf(root, 'tenants/a.yaml'), statOf(root, 'tenants/a.yaml'))).toBeDefined();
    } finally {
      removeRepo(root);
    }
  });

  it('locates errors of checks across files in a file whose value came from the cache, at the right line', () => {
    const root = scratchRepo();
    try {
      const uncached = scratchRepo(root);
      cachedLoad(root);
      // Tenant a is unchanged (cached); the environment it names is renamed, so the error is in a.yaml.
      for (const r of [root, uncached]) {
        writeInput(r, 'environments/devx.yaml', readInput(r, 'environments/dev.yaml').replace(/^name: dev$/m, 'name: devx'));
        rmSync(join(r, 'environments/dev.yaml'));
      }
      const cached = errorsOf(() => cachedLoad(root));
      expect(cached.some((e) => e.file === 'tenants/a.yaml' && e.field === 'environments[0]' && e.line > 1)).toBe(true);
      expect(cached).toEqual(errorsOf(() => loadInputWithSources(uncached)));
      removeRepo(uncached);
    } finally {
      removeRepo(root);
    }
  });

  it('ignores a corrupt cache file', () => {
    const root = scratchRepo();
    try {
      cachedLoad(root);
      writeFileSync(join(root, 'node_modules/.cache/agentic-platform-gitops/inputs.json'), '{"format":2,"files":');
      expect(cachedLoad(root).input).toEqual(loadInputWithSources(root).input);
    } finally {
      removeRepo(root);
    }
  });

  it('takes a file by its size and time only when it was not modified around the moment it was read', () => {
    const root = scratchRepo();
    try {
      const old = new Date(Date.now() - 60_000);
      utimesSync(join(root, 'tenants/a.yaml'), old, old);
      cachedLoad(root);
      // Checked a minute after its last change: its size and time identify it.
      expect(InputCache.open(root, 'generator-1').byStat('tenants/a.yaml', statOf(root, 'tenants/a.yaml'))).toBeDefined();
      // b was written just before it was read: it could change again within the same time stamp, so it is hashed.
      expect(InputCache.open(root, 'generator-1').byStat('tenants/b.yaml', statOf(root, 'tenants/b.yaml'))).toBeUndefined();
      // Touched (another time, same bytes): read and recognised by its bytes.
      const later = new Date();
      utimesSync(join(root, 'tenants/a.yaml'), later, later);
      expect(InputCache.open(root, 'generator-1').byStat('tenants/a.yaml', statOf(root, 'tenants/a.yaml'))).toBeUndefined();
      expect(InputCache.open(root, 'generator-1').get('tenants/a.yaml', bytesOf(root, 'tenants/a.yaml'), statOf(root, 'tenants/a.yaml'))).toBeDefined();
    } finally {
      removeRepo(root);
    }
  });

  it('records a change to a few files in a journal beside the cache, and reads both back', () => {
    const root = scratchRepo();
    try {
      // Files last changed a minute ago: not racy, so an unchanged one is taken by its size and time, and stays as is.
      const old = new Date(Date.now() - 60_000);
      for (const f of ['environments/dev.yaml', 'environments/prod.yaml', 'tenants/a.yaml', 'tenants/b.yaml']) utimesSync(join(root, f), old, old);
      cachedLoad(root);
      const base = join(root, 'node_modules/.cache/agentic-platform-gitops/inputs.json');
      const before = readFileSync(base, 'utf8');
      writeInput(root, 'tenants/a.yaml', readInput(root, 'tenants/a.yaml').replace(/requestsCpu: "?\d+"?/, 'requestsCpu: "9"'));
      rmSync(join(root, 'tenants/b.yaml'));
      expect(cachedLoad(root).input.tenants.map((t) => [t.name, t.quota.requestsCpu])).toEqual([['a', '9']]);
      expect(readFileSync(base, 'utf8')).toBe(before);
      expect(Object.keys(JSON.parse(readFileSync(base.replace(/\.json$/, '.journal.json'), 'utf8')).files).sort()).toEqual(['tenants/a.yaml', 'tenants/b.yaml']);
      // Read back: a's new value from the journal, b gone.
      const cache = InputCache.open(root, 'generator-1');
      expect((cache.get('tenants/a.yaml', bytesOf(root, 'tenants/a.yaml'), statOf(root, 'tenants/a.yaml')) as { quota: { requestsCpu: string } }).quota.requestsCpu).toBe('9');
      writeInput(root, 'tenants/b.yaml', readFileSync(join(FIXTURE, 'tenants/b.yaml'), 'utf8'));
      expect(cache.get('tenants/b.yaml', bytesOf(root, 'tenants/b.yaml'), statOf(root, 'tenants/b.yaml'))).toBeUndefined();
    } finally {
      removeRepo(root);
    }
  });

  it('keeps the files that passed their own checks when another file fails', () => {
    const root = scratchRepo();
    try {
      writeInput(root, 'tenants/b.yaml', 'name: [b\n');
      expect(errorsOf(() => cachedLoad(root)).length).toBeGreaterThan(0);
      const cache = InputCache.open(root, 'generator-1');
      expect(cache.get('tenants/a.yaml', bytesOf(root, 'tenants/a.yaml'), statOf(root, 'tenants/a.yaml'))).toBeDefined();
      expect(cache.get('tenants/b.yaml', bytesOf(root, 'tenants/b.yaml'), statOf(root, 'tenants/b.yaml'))).toBeUndefined();
    } finally {
      removeRepo(root);
    }
  });
});
