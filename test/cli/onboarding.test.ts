import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newTenantCommand } from '../../src/cli/new-tenant-command.js';
import { synthCommand } from '../../src/cli/synth-command.js';
import { validateCommand } from '../../src/cli/validate-command.js';
import { loadInput } from '../../src/config/load.js';
import { modelFromManifests } from '../../src/analysis/model-from-manifests.js';
import { namespaceReach } from '../../src/analysis/matrix.js';
import { allowedPorts } from '../../src/analysis/reachability.js';
import { readManifests } from '../../src/synth/read-dist.js';
import { args, captureIo, readInput, removeRepo, REPO, scratchRepo, writeInput } from '../support/repo.js';

/**
 * What the README tells a user to do, done on a copy of the repository's real inputs (whatever they are today):
 * scaffold a tenant with a random valid name (with and without models), change a quota of an existing tenant,
 * synth, and check the invariants every valid platform must keep.
 */
describe('onboarding by pull request, as the README describes it', () => {
  const randomName = () => `t${randomBytes(4).toString('hex')}`;

  /** Runs synth, --check, validate, and the isolation invariants on dist/. */
  function synthAndCheck(root: string): void {
    const io = captureIo();
    expect(synthCommand(root, args(), io), io.errors.join('\n')).toBe(0);
    expect(synthCommand(root, args('--check'), captureIo())).toBe(0);
    const validation = captureIo();
    expect(validateCommand(root, args(), validation), validation.errors.join('\n')).toBe(0);
    const input = loadInput(root);
    for (const env of readdirSync(join(root, 'dist'))) {
      const model = modelFromManifests(readManifests(join(root, 'dist', env)).map((d) => d.object as never));
      const tenants = model.namespaces.map((n) => n.name).filter((n) => n.startsWith('tenant-'));
      for (const a of tenants) {
        for (const b of tenants) if (a !== b) expect(`${env}: ${a} -> ${b}: ${namespaceReach(model, a, b)}`).toBe(`${env}: ${a} -> ${b}: none`);
        const allowed = input.tenants.find((t) => `tenant-${t.name}` === a)!.models;
        for (const server of model.pods.filter((p) => p.namespace === 'ai-inference' && p.labels['platform.agentic.io/model'])) {
          if (allowed.includes(server.labels['platform.agentic.io/model'])) continue;
          const reached = model.pods.filter((p) => p.namespace === a).some((pod) => !allowedPorts(model, { kind: 'pod', pod }, { kind: 'pod', pod: server }).isEmpty());
          expect(reached, `${env}: ${a} reaches ${server.name}`).toBe(false);
        }
      }
    }
  }

  it('adds a scaffolded tenant without models', () => {
    const root = scratchRepo(REPO);
    try {
      const name = randomName();
      expect(newTenantCommand(root, args(name, '--group', `${name}-devs`), captureIo())).toBe(0);
      synthAndCheck(root);
      expect(readdirSync(join(root, 'dist')).every((env) => readdirSync(join(root, 'dist', env)).includes(`tenant-${name}`))).toBe(true);
    } finally {
      removeRepo(root);
    }
  });

  it('adds a scaffolded tenant that calls a model of its environment', () => {
    const root = scratchRepo(REPO);
    try {
      const input = loadInput(root);
      const env = input.environments.find((e) => e.models.length > 0);
      if (!env) return; // a platform without a model catalog has nothing to call; the test without models covers it
      const name = randomName();
      expect(newTenantCommand(root, args(name, '--group', `${name}-devs`, '--env', env.name), captureIo())).toBe(0);
      const file = `tenants/${name}.yaml`;
      writeInput(root, file, readInput(root, file).replace(/^models: \[\]$/m, `models: [${env.models[0].name}]`));
      expect(loadInput(root).tenants.find((t) => t.name === name)!.models).toEqual([env.models[0].name]);
      synthAndCheck(root);
    } finally {
      removeRepo(root);
    }
  });

  it('changes a quota of an existing tenant', () => {
    const root = scratchRepo(REPO);
    try {
      const [tenant] = loadInput(root).tenants;
      if (!tenant) return; // no tenant to change yet
      const file = `tenants/${tenant.name}.yaml`;
      const text = readInput(root, file);
      // Lowering requests keeps every capacity check satisfied; add the key when the file relies on the default.
      const changed = /^ {2}requestsCpu:.*$/m.test(text)
        ? text.replace(/^ {2}requestsCpu:.*$/m, '  requestsCpu: "1"')
        : text.replace(/^quota:\n/m, 'quota:\n  requestsCpu: "1"\n');
      writeInput(root, file, /^quota:/m.test(changed) ? changed : `${changed}quota:\n  requestsCpu: "1"\n`);
      expect(loadInput(root).tenants.find((t) => t.name === tenant.name)!.quota.requestsCpu).toBe('1');
      synthAndCheck(root);
    } finally {
      removeRepo(root);
    }
  });
});
