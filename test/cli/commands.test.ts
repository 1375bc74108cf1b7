import { describe, expect, it } from 'vitest';
import { newTenantCommand } from '../../src/cli/new-tenant-command.js';
import { reportCommand } from '../../src/cli/report-command.js';
import { synthCommand } from '../../src/cli/synth-command.js';
import { validateCommand } from '../../src/cli/validate-command.js';
import { UsageError } from '../../src/cli/args.js';
import { loadInput } from '../../src/config/load.js';
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { args, captureIo, readInput, REPO, useScratchRepo, writeInput } from '../support/repo.js';

describe('commands', () => {
  let root = '';
  useScratchRepo((r) => (root = r));

  it('new-tenant writes a commented tenant file that loads and synthesizes', () => {
    const io = captureIo();
    expect(newTenantCommand(root, args('acme', '--group', 'acme-devs', '--gpus', '2'), io)).toBe(0);
    const text = readInput(root, 'tenants/acme.yaml');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/tenant.schema.json');
    expect(text).toContain('# OIDC groups: operators manage agents');
    const acme = loadInput(root).tenants.find((t) => t.name === 'acme')!;
    expect(acme.groups.operators).toEqual(['acme-devs']);
    expect(acme.quota.gpus).toBe(2);
    expect(acme.environments).toEqual(['dev', 'prod']);
    expect(synthCommand(root, args(), captureIo())).toBe(0);
  });

  it('new-tenant limits the tenant to the environments given with --env', () => {
    newTenantCommand(root, args('acme', '--group', 'g', '--env', 'dev'), captureIo());
    expect(loadInput(root).tenants.find((t) => t.name === 'acme')!.environments).toEqual(['dev']);
  });

  it('new-tenant fails on a reserved name, an existing file, a bad GPU count and an unknown environment', () => {
    expect(() => newTenantCommand(root, args('kube-x', '--group', 'g'), captureIo())).toThrow(UsageError);
    expect(() => newTenantCommand(root, args('a', '--group', 'g'), captureIo())).toThrow('tenants/a.yaml already exists; edit it instead');
    expect(() => newTenantCommand(root, args('acme', '--group', 'g', '--gpus', 'two'), captureIo())).toThrow('--gpus must be a whole number (got two)');
    expect(() => newTenantCommand(root, args('acme', '--group', 'g', '--env', 'qa'), captureIo())).toThrow('no environment "qa" (environments: dev, prod)');
    expect(() => newTenantCommand(root, args('acme'), captureIo())).toThrow('--group <oidc-group> is missing');
    expect(() => newTenantCommand(root, args('acme', '--group', 'g', '--gpu', '2'), captureIo())).toThrow(/Unknown option '--gpu'/);
    expect(() => newTenantCommand(root, args('acme', 'beta', '--group', 'g'), captureIo())).toThrow('unexpected argument "beta"');
  });

  it('report prints the reachability matrix of dist/<env> as Markdown and Mermaid', () => {
    synthCommand(root, args(), captureIo());
    const md = captureIo();
    expect(reportCommand(root, args('reachability', '--env', 'prod'), md)).toBe(0);
    const table = md.lines.join('\n').split('\n');
    expect(table[0]).toBe('| from \\ to | ai-agents | ai-data | ai-gateway | ai-inference | gpu-system | istio-cni | istio-system | kube-system | observability | tenant-a | tenant-b | internet | vpc |');
    const tenantA = table.find((l) => l.startsWith('| **tenant-a**'))!.split('|').map((c) => c.trim());
    expect(tenantA[11]).toBe('all'); // to itself
    expect(tenantA[12]).toBe('–'); // to tenant-b
    const mermaid = captureIo();
    reportCommand(root, args('reachability', '--env', 'prod', '--format', 'mermaid'), mermaid);
    expect(mermaid.lines[0].split('\n')).toContain('  tenant_a["tenant-a"] -->|"TCP 8080"| ai_gateway["ai-gateway"]');
    expect(() => reportCommand(root, args('reachability'), captureIo())).toThrow('--env <env> is required');
    expect(() => reportCommand(root, args('reachability', '--env', 'prod', '--fromat', 'mermaid'), captureIo())).toThrow(/Unknown option '--fromat'/);
  });

  it('validate runs the GPU proofs too: a hand-edited model server without its GPU toleration fails', () => {
    synthCommand(root, args(), captureIo());
    const file = 'dist/prod/inference/Deployment.mixtral-8x7b.yaml';
    const text = readInput(root, file);
    const edited = text.replace(/      tolerations:\n        - effect: NoSchedule\n          key: nvidia.com\/gpu\n          operator: Exists\n/, '');
    expect(edited).not.toBe(text);
    writeInput(root, file, edited);
    const io = captureIo();
    expect(validateCommand(root, args(), io)).toBe(1);
    expect(io.errors).toContain('dist/prod/inference/Deployment.mixtral-8x7b.yaml: Deployment ai-inference/mixtral-8x7b: requests GPUs but does not tolerate the nvidia.com/gpu taint');
  });

  it.each([
    ['synth', '--evn', 'dev'],
    ['synth', '--check', 'prod'],
    ['validate', '--strict'],
    ['report', 'reachability', '--env', 'prod', 'extra'],
    ['new-tenant', 'acme', '--group', 'g', '--gpu', '1'],
  ])('%s exits 2 with its usage on an unknown flag or an unexpected argument', (...argv) => {
    // Through the bundled CLI, exactly as `npm run <command>` runs it.
    const run = spawnSync(process.execPath, [join(REPO, 'scripts/cli.mjs'), ...argv], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${argv[0]}: .+\nusage: npm run ${argv[0]}`));
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('validate checks dist/ and fails on a hand-edited manifest', () => {
    synthCommand(root, args(), captureIo());
    const ok = captureIo();
    expect(validateCommand(root, args(), ok)).toBe(0);
    expect(ok.lines[0]).toMatch(/^validate: \d+ objects valid$/);
    const file = 'dist/prod/platform/ResourceQuota.ai-data-quota.yaml';
    writeInput(root, file, readInput(root, file).replace('spec:\n', 'spec:\n  hardd: {}\n'));
    const bad = captureIo();
    expect(validateCommand(root, args(), bad)).toBe(1);
    expect(bad.errors).toContain('dist/prod/platform/ResourceQuota.ai-data-quota.yaml: ResourceQuota/ai-data/ai-data-quota: spec.hardd: unknown field (not in the Kubernetes 1.33 schema of ResourceQuota)');
  });

  it('synth through the CLI (its files check started before the bundle loads) repairs hand edits and reuses the rest', () => {
    const cli = (...argv: string[]) => spawnSync(process.execPath, [join(REPO, 'scripts/cli.mjs'), 'synth', ...argv], { cwd: root, encoding: 'utf8' });
    expect(cli().status).toBe(0);
    const file = 'dist/prod/tenant-a/ResourceQuota.tenant-a-quota.yaml';
    const clean = readInput(root, file);
    writeInput(root, file, `${clean}# edited\n`);
    const run = cli();
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('synth: dist/dev: unchanged\nsynth: dist/prod: +0 ~1 -0\n');
    expect(readInput(root, file)).toBe(clean);
    // The check cli.mjs starts before the bundle loads is the one synth uses: it is set, for this dist, then taken.
    const watch = `const key = Symbol.for('agentic-platform-gitops.cached-files-check'); let value;
      Object.defineProperty(globalThis, key, { get: () => value, set: (v) => { console.error('check:', v ? v.dist + ' ' + v.caches.size : 'taken'); value = v; } });
      process.argv = [process.argv[0], ${JSON.stringify(join(REPO, 'scripts/cli.mjs'))}, 'synth'];
      await import(${JSON.stringify(pathToFileURL(join(REPO, 'scripts/cli.mjs')).href)});`;
    const watched = spawnSync(process.execPath, ['--input-type=module', '-e', watch], { cwd: root, encoding: 'utf8' });
    expect(watched.stderr.split('\n').filter((l) => l.startsWith('check:'))).toEqual([`check: ${join(realpathSync(root), 'dist')} 2`, 'check: taken']);
    // Also with --dist, in both spellings.
    for (const argv of [['--dist', 'out'], ['--dist=out']]) expect(cli(...argv).status).toBe(0);
    writeInput(root, 'out/prod/tenant-a/ResourceQuota.tenant-a-quota.yaml', 'edited\n');
    expect(cli('--dist=out').stdout).toBe('synth: dist/dev: unchanged\nsynth: dist/prod: +0 ~1 -0\n');
    expect(readInput(root, 'out/prod/tenant-a/ResourceQuota.tenant-a-quota.yaml')).toBe(clean);
  });

  it('validate takes --dist relative to the repository or absolute, like synth', () => {
    synthCommand(root, args('--dist', 'out'), captureIo());
    const relative = captureIo();
    expect(validateCommand(root, args('--dist', 'out'), relative)).toBe(0);
    const absolute = captureIo();
    expect(validateCommand('/', args('--dist', join(root, 'out')), absolute)).toBe(0);
    expect(absolute.lines).toEqual(relative.lines);
  });
});
