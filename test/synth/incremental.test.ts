import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { loadInput } from '../../src/config/load.js';
import { generatorVersion } from '../../src/lib/generator.js';
import { synthCommand } from '../../src/cli/synth-command.js';
import { validateCommand } from '../../src/cli/validate-command.js';
import { planEnvironment, type ChartPlan } from '../../src/app.js';
import { ChartCache } from '../../src/synth/chart-cache.js';
import { args, captureIo, readInput, removeRepo, scratchRepo, snapshotDir, writeInput } from '../support/repo.js';

/** A tenant file of the fixture's shape, named `name`. */
const tenantFile = (name: string, cpu: number, models: string) =>
  `name: ${name}\ndisplayName: ${name}\nowners: [o@${name}.example]\ngroups:\n  operators: [${name}-ops]\nenvironments: [dev, prod]\nquota:\n  requestsCpu: "${cpu}"\n  requestsMemory: 2Gi\n  limitsCpu: "4"\n  limitsMemory: 4Gi\n  gpus: 0\nmodels: ${models}\n`;

/** The edits a user makes to a platform, as functions of a random number source. */
const EDITS: ((root: string, pick: (n: number) => number) => string)[] = [
  (root, pick) => {
    const name = `t${pick(6)}`;
    writeInput(root, `tenants/${name}.yaml`, tenantFile(name, 1 + pick(3), pick(2) ? '[]' : '[qwen-2-5-7b]'));
    return `write tenant ${name}`;
  },
  (root, pick) => {
    const files = readdirSync(join(root, 'tenants')).filter((f) => f.startsWith('t'));
    if (files.length === 0) return 'nothing to remove';
    const file = files[pick(files.length)];
    rmSync(join(root, 'tenants', file));
    return `remove ${file}`;
  },
  (root, pick) => {
    const cpu = 10 + pick(10);
    writeInput(root, 'tenants/a.yaml', readInput(root, 'tenants/a.yaml').replace(/requestsCpu: "?\d+"?/, `requestsCpu: "${cpu}"`));
    return `tenant a requests ${cpu} CPUs`;
  },
  (root, pick) => {
    // An environment change touches every tenant chart of that environment.
    const cpu = 60 + pick(20);
    writeInput(root, 'environments/dev.yaml', readInput(root, 'environments/dev.yaml').replace(/^(\s+requestsCpu:) "?\d+"?$/m, `$1 "${cpu}"`));
    return `dev quota ${cpu}`;
  },
];

describe('incremental synth (charts reused from the cache)', () => {
  it('always gives what a full synth gives, over a series of random edits', async () => {
    const incremental = scratchRepo();
    let seed = 20261127;
    const pick = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    try {
      expect(synthCommand(incremental, args(), captureIo())).toBe(0);
      for (let step = 0; step < 12; step++) {
        // Let the worker report progress between steps: a minute of synchronous work times its RPC out.
        await new Promise((resolve) => setImmediate(resolve));
        const what = EDITS[pick(EDITS.length)](incremental, pick);
        expect(synthCommand(incremental, args(), captureIo()), what).toBe(0);
        // A full synth of the same inputs, in a fresh folder without any cache.
        const full = scratchRepo(incremental);
        try {
          expect(synthCommand(full, args('--no-cache'), captureIo()), what).toBe(0);
          expect(snapshotDir(join(incremental, 'dist')), `after: ${what}`).toEqual(snapshotDir(join(full, 'dist')));
        } finally {
          removeRepo(full);
        }
      }
    } finally {
      removeRepo(incremental);
    }
  }, 180_000); // 25 synths of the whole fixture: more than the default budget on a busy machine

  it('rebuilds a reused tenant that the README comes to show (it shows a dozen tenants; the cache keeps only theirs)', () => {
    const root = scratchRepo();
    try {
      for (let i = 0; i < 14; i++) writeInput(root, `tenants/t${String(i).padStart(2, '0')}.yaml`, tenantFile(`t${String(i).padStart(2, '0')}`, 1, '[]'));
      expect(synthCommand(root, args(), captureIo())).toBe(0);
      // Tenants sort a, b, t00, ...: removing a and b brings t10 and t11 into the README's matrix.
      rmSync(join(root, 'tenants/a.yaml'));
      rmSync(join(root, 'tenants/b.yaml'));
      expect(synthCommand(root, args(), captureIo())).toBe(0);
      const full = scratchRepo(root);
      try {
        expect(synthCommand(full, args('--no-cache'), captureIo())).toBe(0);
        expect(readFileSync(join(root, 'dist/prod/README.md'), 'utf8')).toContain('tenant-t11');
        expect(snapshotDir(join(root, 'dist'))).toEqual(snapshotDir(join(full, 'dist')));
      } finally {
        removeRepo(full);
      }
    } finally {
      removeRepo(root);
    }
  });

  // A cluster-scoped object (the namespace itself), and a namespaced one (in tenant-a's namespace).
  it.each(['Namespace', 'RemoteMCPServer'])('finds a %s that a rebuilt unit defines again, though the unit that defined it first is reused', (kind) => {
    const root = scratchRepo();
    try {
      expect(synthCommand(root, args(), captureIo())).toBe(0);
      const before = snapshotDir(join(root, 'dist'));
      // tenant-b's unit (rebuilt: its inputs differ) also defines one of tenant-a's objects; tenant-a's unit is reused.
      const clashing = (...a: Parameters<typeof planEnvironment>): ChartPlan[] => {
        const plans = planEnvironment(...a);
        const objectOfA = () => plans.find((p) => p.id === 'tenant-a')!.render().objects.find((o) => o.kind === kind)!;
        return plans.map((p) => (p.id !== 'tenant-b' ? p : { ...p, inputs: [...p.inputs!, 'clash'], render: () => ({ ...p.render(), objects: [...p.render().objects, objectOfA()] }) }));
      };
      const incremental = captureIo();
      expect(synthCommand(root, args(), incremental, clashing)).toBe(1);
      const clash = incremental.errors.filter((e) => e.includes('Argo CD would fight over it'));
      expect(clash.length).toBeGreaterThan(0);
      expect(clash[0]).toMatch(new RegExp(`dist/(dev|prod)/tenant-b/${kind}\\.[a-z-]+\\.yaml: ${kind}/(tenant-a/)?[a-z-]+: also defined in tenant-a/${kind}\\.[a-z-]+\\.yaml`));
      expect(snapshotDir(join(root, 'dist'))).toEqual(before);
      // A full synth reports exactly the same problems.
      const full = captureIo();
      expect(synthCommand(root, args('--no-cache'), full, clashing)).toBe(1);
      expect(full.errors).toEqual(incremental.errors);
    } finally {
      removeRepo(root);
    }
  });

  it('records a run that changed a few units in a small journal beside the cache, not by rewriting it', () => {
    const root = scratchRepo();
    try {
      expect(synthCommand(root, args(), captureIo())).toBe(0);
      const base = ChartCache.fileOf(root, join(root, 'dist/prod'));
      const journal = base.replace(/\.json$/, '.journal.json');
      const before = readFileSync(base, 'utf8');
      expect(existsSync(journal)).toBe(false);
      writeInput(root, 'tenants/b.yaml', readInput(root, 'tenants/b.yaml').replace(/requestsCpu: "?\d+"?/, 'requestsCpu: "3"'));
      rmSync(join(root, 'tenants/a.yaml'));
      expect(synthCommand(root, args(), captureIo())).toBe(0);
      expect(readFileSync(base, 'utf8')).toBe(before);
      const units = (JSON.parse(readFileSync(journal, 'utf8')) as { units: Record<string, unknown> }).units;
      expect(units['tenant-a']).toBeNull();
      expect(units['tenant-b']).toBeTruthy();
      // What the cache reads back is the base with the journal applied.
      const cache = ChartCache.open(root, join(root, 'dist/prod'));
      expect(cache.previous('tenant-a')).toBeUndefined();
      expect(cache.file('tenant-b/ResourceQuota.tenant-b-quota.yaml')?.file[3]).toBe(ChartCache.objectHash(generatorVersion(), readFileSync(join(root, 'dist/prod/tenant-b/ResourceQuota.tenant-b-quota.yaml'), 'utf8')));
    } finally {
      removeRepo(root);
    }
  });

  it('rebuilds a reused chart whose files were edited or removed by hand', () => {
    const root = scratchRepo();
    try {
      synthCommand(root, args(), captureIo());
      const clean = snapshotDir(join(root, 'dist'));
      writeFileSync(join(root, 'dist/prod/tenant-a/ResourceQuota.tenant-a-quota.yaml'), 'edited by hand\n');
      rmSync(join(root, 'dist/dev/tenant-a/Role.agent-viewer.yaml'));
      writeFileSync(join(root, 'dist/prod/tenant-b/ConfigMap.extra.yaml'), 'apiVersion: v1\n');
      writeFileSync(join(root, 'dist/dev/README.md'), 'edited by hand\n');
      const io = captureIo();
      expect(synthCommand(root, args(), io)).toBe(0);
      expect(io.lines).toEqual(['synth: dist/dev: +1 ~1 -0', 'synth: dist/prod: +0 ~1 -1']);
      expect(snapshotDir(join(root, 'dist'))).toEqual(clean);
    } finally {
      removeRepo(root);
    }
  });

  it('still validates every object it has not seen pass: a bad object is caught after a cached run', () => {
    const root = scratchRepo();
    try {
      expect(synthCommand(root, args(), captureIo())).toBe(0);
      const before = snapshotDir(join(root, 'dist'));
      const broken = (...a: Parameters<typeof planEnvironment>): ChartPlan[] =>
        planEnvironment(...a).map((p) =>
          p.id !== 'platform'
            ? p
            : { ...p, inputs: [...(p.inputs ?? []), 'broken'], render: () => ({ ...p.render(), objects: [...p.render().objects, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ai-data' }, dataa: {} }] }) },
        );
      // Every other platform object passed validation last time and is skipped; the new one is validated.
      const io = captureIo();
      expect(synthCommand(root, args(), io, broken)).toBe(1);
      expect(io.errors.some((e) => e.endsWith('dist/prod/platform/ConfigMap.x.yaml: ConfigMap/ai-data/x: dataa: unknown field (not in the Kubernetes 1.33 schema of ConfigMap)'))).toBe(true);
      expect(snapshotDir(join(root, 'dist'))).toEqual(before);
    } finally {
      removeRepo(root);
    }
  });

  it('keeps what it recorded of each file, so validate reads only files that are not as synth left them', () => {
    const root = scratchRepo();
    try {
      synthCommand(root, args(), captureIo());
      writeInput(root, 'tenants/b.yaml', readInput(root, 'tenants/b.yaml').replace(/requestsCpu: "?\d+"?/, 'requestsCpu: "3"'));
      synthCommand(root, args(), captureIo()); // tenant-a is reused, tenant-b rebuilt
      const dir = join(root, 'dist/prod');
      const cache = ChartCache.open(root, dir);
      const recorded = (rel: string) => cache.file(rel)?.file[3];
      const hashOf = (rel: string) => ChartCache.objectHash(generatorVersion(), readFileSync(join(dir, rel), 'utf8'));
      expect(recorded('tenant-a/Namespace.tenant-a.yaml')).toBe(hashOf('tenant-a/Namespace.tenant-a.yaml'));
      expect(recorded('tenant-b/ResourceQuota.tenant-b-quota.yaml')).toBe(hashOf('tenant-b/ResourceQuota.tenant-b-quota.yaml'));

      // A hand edit that breaks an object is read and caught, although the rest of the folder is taken from the cache.
      const namespace = join(dir, 'tenant-a/Namespace.tenant-a.yaml');
      const original = readFileSync(namespace, 'utf8');
      writeFileSync(namespace, `${original}spec:\n  bogus: 1\n`);
      const io = captureIo();
      expect(validateCommand(root, [], io)).toBe(1);
      expect(io.errors.filter((e) => e.startsWith('dist/'))).toEqual([expect.stringMatching(/^dist\/prod\/tenant-a\/Namespace\.tenant-a\.yaml: Namespace\/tenant-a: .*bogus/)]);
      // The same bytes as synth wrote, at another time: read again, and known valid by their hash.
      writeFileSync(namespace, original);
      expect(validateCommand(root, [], captureIo())).toBe(0);
    } finally {
      removeRepo(root);
    }
  });

  it('reuses a chart only for the same key, and only while its files are as synth left them', () => {
    const root = scratchRepo();
    try {
      synthCommand(root, args(), captureIo());
      const dir = join(root, 'dist/prod');
      const cache = ChartCache.open(root, dir);
      const key = ChartCache.key('generator', { env: 1 }, { tenant: 1 });
      expect(ChartCache.key('generator', { env: 1 }, { tenant: 2 })).not.toBe(key);
      expect(ChartCache.key('generator2', { env: 1 }, { tenant: 1 })).not.toBe(key);
      // The run recorded tenant-a under its real key, which no made-up key matches.
      const input = loadInput(root);
      const plan = planEnvironment(input, input.environments.find((e) => e.name === 'prod')!).find((p) => p.id === 'tenant-a')!;
      const realKey = ChartCache.key(generatorVersion(), ...plan.inputs!);
      expect(cache.reusable('tenant-a', realKey, dir)?.files.length).toBeGreaterThan(0);
      expect(cache.reusable('tenant-a', key, dir)).toBeUndefined();
      expect(cache.reusable('tenant-unknown', realKey, dir)).toBeUndefined();
      // A file touched since (same bytes, another time) is no longer provably what synth wrote.
      const later = new Date(Date.now() + 5000);
      utimesSync(join(dir, 'tenant-a/Namespace.tenant-a.yaml'), later, later);
      expect(ChartCache.open(root, dir).reusable('tenant-a', realKey, dir)).toBeUndefined();
    } finally {
      removeRepo(root);
    }
  });
});
