import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthCommand } from '../../src/cli/synth-command.js';
import { CALLERS_PER_POLICY } from '../../src/constructs/model-route.js';
import { args, captureIo, readInput, removeRepo, scratchRepo, writeInput } from '../support/repo.js';

/**
 * Objects that gather every tenant (gateway policies, Argo CD, rate-limit budgets) must stay valid however many
 * tenants there are: upstream schemas cap list lengths and string sizes. A fleet just past the largest such cap we
 * split on synthesizes and validates.
 */
describe('a fleet of tenants', () => {
  it(`synthesizes and validates with ${CALLERS_PER_POLICY + 10} tenants calling one model`, () => {
    const root = scratchRepo();
    try {
      const prod = readInput(root, 'environments/prod.yaml');
      writeInput(root, 'environments/prod.yaml', prod.replace(/overcommit: [\d.]+/, 'overcommit: 100'));
      // Small quotas, so the fleet fits the environment's capacity; everything else as tenant a.
      const template = readInput(root, 'tenants/a.yaml')
        .replace(/^environments: .*$/m, 'environments: [prod]')
        .replace(/requestsCpu: "?\d+"?/, 'requestsCpu: "1"')
        .replace(/requestsMemory: \w+/, 'requestsMemory: 1Gi')
        .replace(/gpus: \d+/, 'gpus: 0');
      for (let i = 0; i < CALLERS_PER_POLICY + 10; i++) {
        const name = `fleet-${String(i).padStart(4, '0')}`;
        writeInput(root, `tenants/${name}.yaml`, template.replace(/^name: .*$/m, `name: ${name}`));
      }
      const io = captureIo();
      expect(synthCommand(root, args('--env', 'prod'), io), io.errors.slice(0, 5).join('\n')).toBe(0);
      const model = readInput(root, 'tenants/a.yaml').match(/^models: \[([^\],]+)/m)![1].trim();
      // The allow list of that model continues in a second policy.
      expect(readFileSync(join(root, `dist/prod/gateway/AgentgatewayPolicy.${model}-callers-2.yaml`), 'utf8')).toContain("'fleet-0");
    } finally {
      removeRepo(root);
    }
  });
});
