import { beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthCommand } from '../../src/cli/synth-command.js';
import { planEnvironment, type ChartPlan } from '../../src/app.js';
import { TEMP_SUFFIX } from '../../src/synth/dist-tree.js';
import { args, captureIo, removeRepo, REPO, scratchRepo, useScratchRepo, snapshotDir, writeInput, readInput } from '../support/repo.js';

describe('npm run synth', () => {
  let root = '';
  useScratchRepo((r) => (root = r));

  const synth = (...argv: string[]) => {
    const io = captureIo();
    const code = synthCommand(root, args(...argv), io);
    return { code, io };
  };

  it('writes dist/<env>/<chart>/<Kind>.<name>.yaml for every environment', () => {
    const { code, io } = synth();
    expect(code).toBe(0);
    const files = [...snapshotDir(join(root, 'dist')).keys()];
    // A first run adds every file, and says how many per environment.
    const count = (env: string) => files.filter((f) => f.startsWith(`${env}/`)).length;
    expect(io.lines).toEqual([`synth: dist/dev: +${count('dev')} ~0 -0`, `synth: dist/prod: +${count('prod')} ~0 -0`]);
    expect(files).toContain('prod/platform/Namespace.ai-inference.yaml');
    expect(files).toContain('prod/platform/ResourceQuota.ai-inference-quota.yaml');
    expect(files).toContain('dev/argocd/Application.dev-platform.yaml');
    for (const f of files.filter((f) => f.endsWith('.yaml'))) expect(f).toMatch(/^(dev|prod)\/[a-z0-9-]+\/[A-Za-z0-9]+\.[a-z0-9.-]+\.yaml$/);
    // No cdk8s index prefixes on chart folders.
    expect(files.some((f) => /\/0\d{3}-/.test(f) || /^\w+\/\d{4}-/.test(f))).toBe(false);
  });

  it('synthesizes only the environment named by --env and leaves the others alone', () => {
    synth();
    writeFileSync(join(root, 'dist/dev/marker.txt'), 'kept');
    const { code } = synth('--env', 'prod');
    expect(code).toBe(0);
    expect(existsSync(join(root, 'dist/dev/marker.txt'))).toBe(true);
  });

  it('gives byte-identical output on a second run, and says nothing changed', () => {
    synth();
    const first = snapshotDir(join(root, 'dist'));
    expect(synth().io.lines).toEqual(['synth: dist/dev: unchanged', 'synth: dist/prod: unchanged']);
    expect(snapshotDir(join(root, 'dist'))).toEqual(first);
  });

  it('reports files added, changed and removed, and rewrites only the files whose bytes change', () => {
    synth();
    const inode = (rel: string) => statSync(join(root, 'dist', rel)).ino;
    const untouched = 'prod/platform/Namespace.ai-data.yaml';
    const quota = 'prod/tenant-b/ResourceQuota.tenant-b-quota.yaml';
    const before = { untouched: inode(untouched), quota: readFileSync(join(root, 'dist', quota), 'utf8') };
    writeInput(root, 'tenants/b.yaml', readInput(root, 'tenants/b.yaml').replace(/requestsCpu: "?\d+"?/, 'requestsCpu: "3"'));
    writeFileSync(join(root, 'dist/prod/platform/ConfigMap.left-over.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
    const { io } = synth('--env', 'prod');
    expect(io.lines).toEqual(['synth: dist/prod: +0 ~1 -1']);
    expect(readFileSync(join(root, 'dist', quota), 'utf8')).not.toBe(before.quota);
    expect(readFileSync(join(root, 'dist', quota), 'utf8')).toContain("requests.cpu: \"3\"");
    expect(inode(untouched)).toBe(before.untouched);
  });

  it('--check writes nothing, lists what differs and exits 1; exits 0 when dist/ is up to date', () => {
    synth();
    const clean = synth('--check');
    expect(clean.code).toBe(0);
    expect(clean.io.lines).toEqual(['synth --check: dist/dev: up to date', 'synth --check: dist/prod: up to date']);
    writeInput(root, 'tenants/b.yaml', readInput(root, 'tenants/b.yaml').replace(/requestsCpu: "?\d+"?/, 'requestsCpu: "3"'));
    writeFileSync(join(root, 'dist/dev/platform/ConfigMap.left-over.yaml'), 'x');
    const before = snapshotDir(join(root, 'dist'));
    const stale = synth('--check');
    expect(stale.code).toBe(1);
    expect(stale.io.lines).toContain('  stale     dist/dev/platform/ConfigMap.left-over.yaml');
    expect(stale.io.lines).toContain('  differs   dist/prod/tenant-b/ResourceQuota.tenant-b-quota.yaml');
    expect(stale.io.errors.at(-1)).toMatch(/dist\/ is not what synth produces; run 'npm run synth'/);
    expect(snapshotDir(join(root, 'dist'))).toEqual(before);
  });

  it('rejects unknown flags and unexpected arguments with a usage error, before touching anything', () => {
    expect(() => synth('--evn', 'dev')).toThrow(/Unknown option '--evn'/);
    expect(() => synth('prod')).toThrow('unexpected argument "prod"');
    expect(() => synth('--check', 'yes')).toThrow('unexpected argument "yes"');
    expect(() => synth('--env')).toThrow(/argument missing/);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('writes each file through a temporary name that git ignores, so a killed run leaves nothing untracked', () => {
    expect(readFileSync(join(REPO, '.gitignore'), 'utf8').split('\n')).toContain(`*${TEMP_SUFFIX}`);
    synth();
    expect([...snapshotDir(join(root, 'dist')).keys()].filter((f) => f.endsWith(TEMP_SUFFIX))).toEqual([]);
  });

  it('gives byte-identical output whatever order the tenant files were created in', () => {
    synth();
    const first = snapshotDir(join(root, 'dist'));
    const other = scratchRepo();
    try {
      // Re-create the tenant files in reverse order: directory listing order follows creation on most file systems.
      const names = readdirSync(join(root, 'tenants')).sort().reverse();
      removeRepo(join(other, 'tenants'));
      mkdirSync(join(other, 'tenants'));
      for (const n of names) writeInput(other, `tenants/${n}`, readInput(root, `tenants/${n}`));
      expect(synthCommand(other, args(), captureIo())).toBe(0);
      expect(snapshotDir(join(other, 'dist'))).toEqual(first);
    } finally {
      removeRepo(other);
    }
  });

  it('removes stale files: a resource that is no longer generated disappears from dist/', () => {
    synth();
    writeFileSync(join(root, 'dist/prod/platform/ConfigMap.left-over.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
    synth();
    expect(existsSync(join(root, 'dist/prod/platform/ConfigMap.left-over.yaml'))).toBe(false);
  });

  it('removes the folder of an environment whose file was deleted', () => {
    synth();
    removeRepo(join(root, 'environments/dev.yaml'));
    writeInput(root, 'tenants/a.yaml', readInput(root, 'tenants/a.yaml').replace('environments: [dev, prod]', 'environments: [prod]'));
    expect(synth().code).toBe(0);
    expect(existsSync(join(root, 'dist/dev'))).toBe(false);
    expect(existsSync(join(root, 'dist/prod'))).toBe(true);
  });

  describe('fails without touching dist/', () => {
    let before: Map<string, string>;
    beforeEach(() => {
      synth();
      before = snapshotDir(join(root, 'dist'));
    });

    it('fails on bad input with exit code 1, every error printed, and no stack trace', () => {
      writeInput(root, 'tenants/a.yaml', readInput(root, 'tenants/a.yaml').replace('gpus: 4', 'gpus: four').replace('pods: 50', 'pods: lots'));
      const { code, io } = synth();
      expect(code).toBe(1);
      expect(io.errors).toEqual([
        'tenants/a.yaml:17:9 quota.gpus: must be an integer >= 0 (got "four")',
        'tenants/a.yaml:18:9 quota.pods: must be an integer >= 0 (got "lots")',
        'synth: 2 error(s) in the input files; dist/ was not changed',
      ]);
      expect(io.errors.join('\n')).not.toMatch(/\bat \S+ \(/); // no stack frames
      expect(snapshotDir(join(root, 'dist'))).toEqual(before);
    });

    it('fails when a synthesized object is invalid, and names the file and field', () => {
      const broken = (...a: Parameters<typeof planEnvironment>): ChartPlan[] =>
        planEnvironment(...a).map((p) =>
          p.id !== 'platform'
            ? p
            : { ...p, inputs: [...(p.inputs ?? []), 'broken'], render: () => { const c = p.render(); return { ...c, objects: [...c.objects, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', namespace: 'ai-data' }, dataa: {} }] }; } },
        );
      const io = captureIo();
      expect(synthCommand(root, args(), io, broken)).toBe(1);
      expect(io.errors).toContain('environments/dev.yaml:3:7 name: produces dist/dev/platform/ConfigMap.Bad_Name.yaml: ConfigMap/ai-data/Bad_Name: metadata.name "Bad_Name" is not a DNS-1123 subdomain');
      expect(io.errors).toContain('environments/dev.yaml:3:7 name: produces dist/dev/platform/ConfigMap.Bad_Name.yaml: ConfigMap/ai-data/Bad_Name: dataa: unknown field (not in the Kubernetes 1.33 schema of ConfigMap)');
      expect(snapshotDir(join(root, 'dist'))).toEqual(before);
    });

    it('leaves no trace of a new tenant whose files were staged when a later check fails', () => {
      writeInput(root, 'tenants/newbie.yaml', 'name: newbie\ndisplayName: N\nowners: [o@n.example]\ngroups:\n  operators: [n-ops]\nenvironments: [dev, prod]\nquota:\n  requestsCpu: "1"\n  requestsMemory: 1Gi\n  gpus: 0\n');
      const broken = (...a: Parameters<typeof planEnvironment>): ChartPlan[] =>
        planEnvironment(...a).map((p) => (p.id !== 'platform' ? p : { ...p, inputs: [...(p.inputs ?? []), 'broken'], render: () => ({ ...p.render(), objects: [...p.render().objects, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'nowhere' }, dataa: {} }] }) }));
      expect(synthCommand(root, args(), captureIo(), broken)).toBe(1);
      expect(snapshotDir(join(root, 'dist'))).toEqual(before); // no tenant-newbie folder, no *.synth-tmp file
    });

    it('fails when synthesis crashes half-way, leaving the environments already synthesized unwritten', () => {
      let calls = 0;
      const crashing = (...a: Parameters<typeof planEnvironment>) => {
        if (++calls === 2) throw new Error('boom');
        return planEnvironment(...a);
      };
      writeInput(root, 'tenants/a.yaml', readInput(root, 'tenants/a.yaml').replace('gpus: 4', 'gpus: 2'));
      expect(() => synthCommand(root, args(), captureIo(), crashing)).toThrow('boom');
      expect(snapshotDir(join(root, 'dist'))).toEqual(before);
      expect(readdirSync(join(root, 'dist')).sort()).toEqual(['dev', 'prod']);
    });
  });
});
