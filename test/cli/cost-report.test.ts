import { describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report-command.js';
import { UsageError } from '../../src/cli/args.js';
import { args, captureIo, FIXTURE } from '../support/repo.js';

describe('report cost', () => {
  it('prints the fixture tenants\' monthly ceilings for prod as a table', () => {
    const io = captureIo();
    expect(reportCommand(FIXTURE, args('cost', '--env', 'prod'), io)).toBe(0);
    const text = io.lines.join('\n');
    expect(text).toContain('# Monthly cost ceilings, prod (730 h, USD)');
    expect(text).toContain('| a | cc-1001 | 4 | 20089.60 | 1471.68 | 40.0% | 4.2% | 50.0% | 54139.72 | 75701.00 |');
    expect(text).toContain('| b | cc-2002 | 8 | 40179.20 | 1177.34 | 32.0% | 8.3% | 50.0% | 54139.72 | 95496.26 |');
  });

  it('fails on an unknown environment or report, with the usage', () => {
    expect(() => reportCommand(FIXTURE, args('cost', '--env', 'qa'), captureIo())).toThrow('no environment "qa" (environments: dev, prod)');
    expect(() => reportCommand(FIXTURE, args('costs', '--env', 'prod'), captureIo())).toThrow(UsageError);
    expect(() => reportCommand(FIXTURE, args('cost'), captureIo())).toThrow('--env <env> is required');
  });
});
