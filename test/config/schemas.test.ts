import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas } from '../../src/config/schemas-to-publish.js';
import { REPO } from '../support/repo.js';
import { fixtureInput } from '../support/synth.js';

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

  it('fills in defaults from the schema: the design numbers for a tenant that declares no quota keys', () => {
    const b = fixtureInput().tenants.find((t) => t.name === 'b')!;
    // b sets cpu and memory but not pods, services, PVCs or storage: those come from the schema defaults.
    expect(b.quota).toMatchObject({ pods: 50, services: 10, pvcs: 10, storage: '200Gi' });
    expect(b.groups.viewers).toEqual([]);
    expect(b.rateLimits).toEqual({ requestsPerMinute: 600, tokensPerMinute: 100000 });
  });

  it('freezes the loaded input so charts cannot change it', () => {
    const input = fixtureInput();
    expect(Object.isFrozen(input.tenants[0].quota)).toBe(true);
  });
});
