import { parseArgs as nodeParseArgs } from 'node:util';

/** What a command accepts: its usage line, its flags and how many positional words. */
export interface CommandSpec {
  /** One usage line, printed with every usage error. */
  readonly usage: string;
  /** Flags by name: `value` takes one value, `values` may repeat, `switch` takes none. */
  readonly flags: Readonly<Record<string, 'value' | 'values' | 'switch'>>;
  /** The number of positional words accepted. @default 0 */
  readonly positionals?: number;
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string[]>;
}

/** A mistake on the command line: exit code 2 with the command's usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/**
 * Parses argv strictly against `spec` (node's own parser): an unknown flag, a missing value or an unexpected word is a
 * usage error, never silently ignored, so `--evn dev` cannot rewrite every environment.
 */
export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  let parsed;
  try {
    parsed = nodeParseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries(
        Object.entries(spec.flags).map(([name, shape]) => [name, { type: shape === 'switch' ? 'boolean' : 'string', multiple: shape !== 'switch' }]),
      ),
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, ''), spec.usage);
  }
  const max = spec.positionals ?? 0;
  if (parsed.positionals.length > max) {
    throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[max])}`, spec.usage);
  }
  const flags = new Map<string, string[]>();
  for (const [name, value] of Object.entries(parsed.values)) {
    const values = (Array.isArray(value) ? value : [value]).map(String);
    if (spec.flags[name] === 'value' && values.length > 1) throw new UsageError(`--${name} given ${values.length} times; give it once`, spec.usage);
    flags.set(name, values);
  }
  return { positional: parsed.positionals, flags };
}

/** The one value of a flag, or `fallback`. */
export function flag(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  return args.flags.get(name)?.[0] ?? fallback;
}

/** Whether a switch was given. */
export function switchOn(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name)?.[0] === 'true';
}

/** Output sink, so commands can be tested without touching the process's streams. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** A status line that replaces the previous one (long runs on a terminal); absent when nobody watches. */
  progress?(line: string): void;
}

export const processIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/** `io` with a progress line on stderr, for a terminal (not in CI, not when piped). */
export function withProgress(io: Io, stream: NodeJS.WriteStream): Io {
  let last = 0;
  return {
    ...io,
    progress: (line) => {
      // At most ten updates a second; an empty line clears it.
      const now = Date.now();
      if (line !== '' && now - last < 100) return;
      last = now;
      stream.write(`\r\x1b[K${line}`);
    },
  };
}
