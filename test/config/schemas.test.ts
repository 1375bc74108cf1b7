import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas } from '../../src/config/schemas-to-publish.js';
import { REPO } from '../support/repo.js';
import { loadInput } from '../../src/config/load.js';
import { writeInput } from '../support/repo.js';
import { TENANT, tenantPlus, useFixtureRepo } from './fixture-repo.js';

describe('input schemas', () => {
  it('publishes schemas/*.schema.json exactly as the loader defines them (run npm run generate when this fails)', () => {
    for (const [file, schema] of Object.entries(publishedSchemas())) {
      expect(JSON.parse(readFileSync(join(REPO, file), 'utf8')), file).toEqual(schema);
    }
  });

  it('lets editors omit defaulted fields but still requires the rest', () => {
    const tenant = publishedSchemas()['schemas/tenant.schema.json'] as { required: string[]; additionalProperties: boolean };
    expect(tenant.required).toEqual(['name', 'displayName', 'owners', 'groups', 'environments']);
    expect(tenant.additionalProperties).toBe(false);
  });

  it('points every example file at its schema on the first line, for editor validation', () => {
    for (const dir of ['environments', 'tenants']) {
      const schema = dir === 'tenants' ? 'tenant' : 'environment';
      for (const f of readdirSync(join(REPO, dir))) {
        const first = readFileSync(join(REPO, dir, f), 'utf8').split('\n')[0];
        expect(first, `${dir}/${f}`).toBe(`# yaml-language-server: $schema=../schemas/${schema}.schema.json`);
      }
    }
  });

  describe('loaded from a fixture', () => {
    let root = '';
    useFixtureRepo((r) => (root = r));

    it('fills in defaults from the schema: the design numbers for a tenant that declares few quota keys', () => {
      writeInput(root, 'tenants/acme.yaml', tenantPlus('quota:\n  requestsCpu: "16"\n  requestsMemory: 32Gi\n'));
      const acme = loadInput(root).tenants[0];
      // acme sets cpu and memory but not pods, services, PVCs or storage: those come from the schema defaults.
      expect(acme.quota).toMatchObject({ requestsCpu: '16', requestsMemory: '32Gi', pods: 50, services: 10, pvcs: 10, storage: '200Gi' });
      expect(acme.groups.viewers).toEqual([]);
      expect(acme.rateLimits).toEqual({ requestsPerMinute: 600, tokensPerMinute: 100000 });
    });

    it('freezes the loaded input so charts cannot change it', () => {
      writeInput(root, 'tenants/acme.yaml', TENANT);
      const input = loadInput(root);
      expect(Object.isFrozen(input.tenants[0].quota)).toBe(true);
      expect(Object.isFrozen(input.environments[0].models[0])).toBe(true);
    });
  });
});
