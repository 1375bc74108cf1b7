import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { parseArgs, type Io } from '../../src/cli/args.js';

/** The repository root (holds the example environments and tenants). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A scratch copy of the repository's inputs in a temporary folder; tests change it freely. */
export function scratchRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'agentic-'));
  cpSync(join(REPO, 'environments'), join(root, 'environments'), { recursive: true });
  cpSync(join(REPO, 'tenants'), join(root, 'tenants'), { recursive: true });
  return root;
}

export function removeRepo(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** A fresh scratch repository for each test of the enclosing describe, handed to `use`, removed afterwards. */
export function useScratchRepo(use: (root: string) => void): void {
  let current = '';
  beforeEach(() => {
    current = scratchRepo();
    use(current);
  });
  afterEach(() => removeRepo(current));
}

export function writeInput(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

export function readInput(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

/** Captures a command's output lines. */
export function captureIo(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

export function args(...argv: string[]) {
  return parseArgs(argv);
}

/** Every file under `dir` with its content, keyed by relative path: a byte-exact picture of a folder. */
export function snapshotDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
