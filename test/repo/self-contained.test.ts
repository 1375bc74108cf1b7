import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../support/repo.js';

const VENDOR = join(REPO, 'vendor/crds');

function filesUnder(dir: string, keep: (path: string) => boolean = () => true): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p, keep) : keep(p) ? [p] : [];
  });
}

const vendoredCrds = () => filesUnder(VENDOR, (p) => p.endsWith('.yaml')).map((p) => relative(VENDOR, p));

/** Rows of vendor/crds/SOURCES.md's table, keyed by file. */
function sourceRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of readFileSync(join(VENDOR, 'SOURCES.md'), 'utf8').split('\n')) {
    const m = /^\| `([^`]+\.yaml)` \|/.exec(line);
    if (m) rows.set(m[1], line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

describe('the repository stands on its own', () => {
  it('vendors CRD files for the generator', () => {
    expect(vendoredCrds().length).toBeGreaterThan(0);
  });

  it('records repo, commit, upstream path and license of every vendored CRD file, and only of those', () => {
    const rows = sourceRows();
    for (const file of vendoredCrds()) {
      const row = rows.get(file);
      expect(row, `${file} has no row in vendor/crds/SOURCES.md`).toBeDefined();
      const [, repo, commit, upstreamPath, license] = row!;
      expect(repo, file).toMatch(/^[\w.-]+\/[\w.-]+/);
      expect(commit, file).toMatch(/`[0-9a-f]{40}`/);
      expect(upstreamPath, file).toMatch(/\.yaml`$/);
      expect(existsSync(join(VENDOR, `LICENSE.${license}`)), `license text of ${license} for ${file}`).toBe(true);
    }
    expect([...rows.keys()].filter((f) => !existsSync(join(VENDOR, f)))).toEqual([]);
  });

  it('generates a schema for every served version of every vendored CRD, naming the vendored file', () => {
    for (const file of vendoredCrds()) {
      const crd = parse(readFileSync(join(VENDOR, file), 'utf8')) as { spec: { group: string; names: { kind: string }; versions: { name: string; schema?: unknown }[] } };
      for (const v of crd.spec.versions.filter((x) => x.schema)) {
        const schemaPath = join(REPO, 'imports/crd-schemas', crd.spec.group, v.name, `${crd.spec.names.kind}.json`);
        expect(existsSync(schemaPath), schemaPath).toBe(true);
        expect((JSON.parse(readFileSync(schemaPath, 'utf8')) as { $comment: string }).$comment).toContain(`from vendor/crds/${file} `);
      }
    }
  });

  it('has no command, script, test or workflow that reads outside the repository', () => {
    // Split so that this file does not match itself.
    const outside = ['..' + '/shared', 'shared' + '/crds', 'SHARED' + '_REPO'];
    const runnable = [
      ...['scripts', 'src', 'charts', 'test', '.ci', '.github'].flatMap((d) => filesUnder(join(REPO, d))),
      ...['package.json', 'cdk8s.yaml', 'vitest.config.ts', 'tsconfig.json'].map((f) => join(REPO, f)),
    ];
    const offenders = runnable.filter((f) => outside.some((needle) => readFileSync(f, 'utf8').includes(needle)));
    expect(offenders.map((f) => relative(REPO, f))).toEqual([]);
  });
});
