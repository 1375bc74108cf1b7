import { describe, expect, it } from 'vitest';
import { synthCommand } from '../../src/cli/synth-command.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { args, captureIo, readInput, REPO, useScratchRepo, writeInput } from '../support/repo.js';

describe('scripts/cli.mjs', () => {
  let root = '';
  useScratchRepo((r) => (root = r));

  const cli = (...argv: string[]) => spawnSync(process.execPath, [join(REPO, 'scripts/cli.mjs'), ...argv], { cwd: root, encoding: 'utf8' });

  it('runs a command through the bundle the same way twice (the second time from V8\'s code cache)', () => {
    synthCommand(root, args(), captureIo());
    const first = cli('validate');
    const second = cli('validate');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^validate: \d+ objects valid\n$/);
    expect(second).toMatchObject({ status: first.status, stdout: first.stdout, stderr: first.stderr });
  });

  it('checks RE2 patterns (re2-wasm, loaded on first use) as before', () => {
    synthCommand(root, args(), captureIo());
    const file = 'dist/prod/observability/PrometheusRule.platform-alerts.yaml';
    const text = readInput(root, file);
    const withStrategy = (strategy: string) => text.replace(/^( {4}- name: .+\n)/m, `$1      partial_response_strategy: ${strategy}\n`);
    expect(withStrategy('x')).not.toBe(text);
    // (?i) is RE2 syntax, not JavaScript's: only RE2 accepts WARN.
    writeInput(root, file, withStrategy('WARN'));
    expect(cli('validate')).toMatchObject({ status: 0, stderr: '' });
    writeInput(root, file, withStrategy('bogus'));
    const bad = cli('validate');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${file}: PrometheusRule/observability/platform-alerts: spec.groups.0.partial_response_strategy must match pattern "^(?i)(abort|warn)?$"`);
  });
});
