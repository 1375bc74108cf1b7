import { hash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';

interface Entry {
  /** Hash of the generator's code and the file's bytes. */
  readonly hash: string;
  /** Size and modification time of the file when its bytes were read. */
  readonly size: number;
  readonly mtimeMs: number;
  /** The file's value as its schema check returned it (defaults applied). */
  readonly value: unknown;
}

interface CacheFile {
  readonly format: 3;
  /** The generator the values were checked by. */
  readonly generator: string;
  /** When the cache was written (see RACY_MS). */
  readonly savedAt: number;
  readonly files: Record<string, Entry>;
}

/**
 * A file modified this close to the moment its bytes were read (well above any file system's timestamp granularity)
 * may have changed again since without its time changing: its size and time prove nothing, its bytes are hashed.
 */
const RACY_MS = 2000;

/**
 * The checked values of input files that passed every check of their own (YAML, values, schema), by path, kept
 * under node_modules/.cache so that a run parses only the files that changed: reading and parsing a thousand tenant
 * files costs more than a one-tenant synth may take. A file with the size and modification time it had when it was
 * checked is not even read (as git's index and synth's own output cache trust them, racy ones aside); a touched file
 * is read and serves its entry only with the same bytes. Entries hold only for the same generator code. Checks across
 * files always run again. A corrupt cache is ignored.
 */
export class InputCache {
  private readonly next: Record<string, Entry> = {};
  private changed = false;
  private readonly prefix: Buffer;

  private constructor(
    private readonly path: string,
    private readonly generator: string,
    private readonly savedAt: number,
    private readonly files: Record<string, Entry>,
  ) {
    this.prefix = Buffer.from(`${generator}\0`);
  }

  static open(root: string, generator: string): InputCache {
    const path = join(root, 'node_modules/.cache/agentic-platform-gitops/inputs.json');
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (file.format === 3 && file.generator === generator && typeof file.savedAt === 'number' && file.files && typeof file.files === 'object') {
        return new InputCache(path, generator, file.savedAt, file.files);
      }
    } catch {
      // No cache or an unreadable one: every file is read and checked.
    }
    return new InputCache(path, generator, 0, {});
  }

  private hash(bytes: Uint8Array): string {
    return hash('sha1', Buffer.concat([this.prefix, bytes]), 'base64');
  }

  /** The checked value of `file` if it has the size and time it had when checked, and was not racy then. */
  byStat(file: string, stat: Stats): unknown {
    const entry = this.files[file];
    if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs || entry.mtimeMs > this.savedAt - RACY_MS) return undefined;
    this.next[file] = entry;
    return entry.value;
  }

  /** The checked value of `file` if these exact bytes passed its checks before (the file was touched, not changed). */
  get(file: string, bytes: Uint8Array, stat: Stats): unknown {
    const entry = this.files[file];
    if (!entry || entry.hash !== this.hash(bytes)) return undefined;
    this.next[file] = { ...entry, size: stat.size, mtimeMs: stat.mtimeMs };
    this.changed = true;
    return entry.value;
  }

  /** Remembers that `bytes` of `file` (read with `stat`) passed its checks with `value`, copied now. */
  set(file: string, bytes: Uint8Array, stat: Stats, value: unknown): void {
    this.next[file] = { hash: this.hash(bytes), size: stat.size, mtimeMs: stat.mtimeMs, value: JSON.parse(JSON.stringify(value)) };
    this.changed = true;
  }

  /** Writes the entries of this run (files that are gone are dropped), when anything differs from what was read. */
  save(): void {
    const racy = Object.values(this.next).some((e) => e.mtimeMs > this.savedAt - RACY_MS);
    if (!this.changed && !racy && Object.keys(this.next).length === Object.keys(this.files).length) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: 3, generator: this.generator, savedAt: Date.now(), files: this.next } satisfies CacheFile));
    renameSync(tmp, this.path);
  }
}
