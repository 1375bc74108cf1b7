/**
 * The CLI: `tsx src/main.ts <command> [flags]`. The only module that reads argv and the working directory;
 * commands get them as arguments.
 */
import { processIo, UsageError, withProgress, type Io } from './cli/args.js';
import { synthCommand } from './cli/synth-command.js';
import { validateCommand } from './cli/validate-command.js';
import { reportCommand } from './cli/report-command.js';
import { newTenantCommand } from './cli/new-tenant-command.js';
import { diffCommand } from './cli/diff-command.js';

type Command = (root: string, argv: readonly string[], io: Io) => number;

const COMMANDS: Record<string, Command> = {
  synth: synthCommand,
  validate: validateCommand,
  report: reportCommand,
  'new-tenant': newTenantCommand,
  diff: diffCommand,
};

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const run = COMMANDS[command ?? ''];
  if (!run) {
    processIo.err(`usage: npm run <${Object.keys(COMMANDS).join('|')}> [-- flags]`);
    return 2;
  }
  try {
    // Progress only where someone watches: a terminal, and not a CI job (CI systems often fake a terminal).
    const io = process.stderr.isTTY && !process.env.CI ? withProgress(processIo, process.stderr) : processIo;
    return run(process.cwd(), rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      processIo.err(`${command}: ${e.message}`);
      if (e.usage) processIo.err(`usage: ${e.usage}`);
      return 2;
    }
    // Not the user's mistake: a bug in a chart or construct. Show everything that helps fix it.
    processIo.err(`${command}: internal error (please report it; dist/ was not changed):`);
    processIo.err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 3;
  }
}

process.exitCode = main(process.argv.slice(2));
