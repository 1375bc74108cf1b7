import { hash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Entry {
  /** Hash of the generator's code and the file's bytes. */
  readonly hash: string;
  /** The file's value as its schema check returned it (defaults applied), as JSON: parsed anew for each run's use. */
  readonly json: string;
}

interface CacheFile {
  readonly format: 2;
  readonly files: Record<string, Entry>;
}

/**
 * The checked values of input files that passed every check of their own (YAML, values, schema), by path, kept
 * under node_modules/.cache so that a run parses only the files that changed: parsing a thousand tenant files with
 * positions costs more than a one-tenant synth may take. An entry serves only the same bytes checked by the same
 * generator code (its hash covers both); checks across files always run again. A corrupt cache is ignored.
 */
export class InputCache {
  private readonly next: Record<string, Entry> = {};
  private changed = false;

  private readonly prefix: Buffer;

  private constructor(
    private readonly path: string,
    generator: string,
    private readonly files: Record<string, Entry>,
  ) {
    this.prefix = Buffer.from(`${generator}\0`);
  }

  static open(root: string, generator: string): InputCache {
    const path = join(root, 'node_modules/.cache/agentic-platform-gitops/inputs.json');
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (file.format === 2 && file.files && typeof file.files === 'object') return new InputCache(path, generator, file.files);
    } catch {
      // No cache or an unreadable one: every file is parsed and checked.
    }
    return new InputCache(path, generator, {});
  }

  private hash(bytes: Uint8Array): string {
    return hash('sha1', Buffer.concat([this.prefix, bytes]), 'base64');
  }

  /** The checked value of `file` if these exact bytes passed its checks before; a copy the caller may own. */
  get(file: string, bytes: Uint8Array): unknown {
    const entry = this.files[file];
    if (!entry || entry.hash !== this.hash(bytes)) return undefined;
    this.next[file] = entry;
    return JSON.parse(entry.json);
  }

  /** Remembers that `bytes` of `file` passed its checks with `value` (taken as JSON now, before anything could change it). */
  set(file: string, bytes: Uint8Array, value: unknown): void {
    this.next[file] = { hash: this.hash(bytes), json: JSON.stringify(value) };
    this.changed = true;
  }

  /** Writes the entries of this run (files that are gone are dropped), when anything differs from what was read. */
  save(): void {
    if (!this.changed && Object.keys(this.next).length === Object.keys(this.files).length) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: 2, files: this.next } satisfies CacheFile));
    renameSync(tmp, this.path);
  }
}
