import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import type { Io } from '../../src/cli/args.js';

/** The repository root (holds the users' environments and tenants: tests check only invariants over them). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The tests' own example platform: environments dev and prod, tenants a and b. Tests may assert its values. */
export const FIXTURE = join(REPO, 'test/fixtures/platform');

/** A scratch copy of a platform's inputs (by default the fixture) in a temporary folder; tests change it freely. */
export function scratchRepo(from: string = FIXTURE): string {
  const root = mkdtempSync(join(tmpdir(), 'agentic-'));
  cpSync(join(from, 'environments'), join(root, 'environments'), { recursive: true });
  cpSync(join(from, 'tenants'), join(root, 'tenants'), { recursive: true });
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

/** A command line, as a command receives it. */
export function args(...argv: string[]): string[] {
  return argv;
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
