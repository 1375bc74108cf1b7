import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { utimesSync } from 'node:fs';
import { synthCommand } from '../../src/cli/synth-command.js';
import { CACHE_FORMAT, ChartCache } from '../../src/synth/chart-cache.js';
import { CachedFilesCheck } from '../../src/synth/cached-files-check.js';
import { args, captureIo, removeRepo, scratchRepo } from '../support/repo.js';

describe('CachedFilesCheck (the cached files, checked on a second core)', () => {
  it('finds intact every unit synth just wrote, and not one whose file was touched since', () => {
    const root = scratchRepo();
    try {
      expect(synthCommand(root, args(), captureIo())).toBe(0);
      const dir = join(root, 'dist/prod');
      const text = ChartCache.readText(root, dir)!;
      const units = Object.keys(JSON.parse(text.slice(0, text.indexOf('\n'))).units as object);
      expect(units).toContain('tenant-a');
      expect([...(CachedFilesCheck.start(new Map([[dir, text]])).intactUnits(dir) ?? [])].sort()).toEqual(units.sort());

      const later = new Date(Date.now() + 5000);
      utimesSync(join(dir, 'tenant-a/Namespace.tenant-a.yaml'), later, later);
      const intact = CachedFilesCheck.start(new Map([[dir, text]])).intactUnits(dir);
      expect(intact?.has('tenant-a')).toBe(false);
      expect(intact?.size).toBe(units.length - 1);
    } finally {
      removeRepo(root);
    }
  });

  it('cannot tell (and synth checks the files itself) for a folder it has no cache of, or a corrupt cache', () => {
    const check = CachedFilesCheck.start(new Map([['/nowhere/dev', `{"format":${CACHE_FORMAT},"units":\n`]]));
    expect(check.intactUnits('/nowhere/dev')).toBeUndefined();
    expect(check.intactUnits('/nowhere/prod')).toBeUndefined();
  });
});
