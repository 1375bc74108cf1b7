import { hash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeWhole } from '../lib/write-whole.js';

interface Entry {
  /** Hash of the generator's code and the file's bytes. */
  readonly hash: string;
  /** Size and modification time of the file when its bytes were read, and when that was (see RACY_MS). */
  readonly size: number;
  readonly mtimeMs: number;
  readonly readAt: number;
  /** The file's value as its schema check returned it (defaults applied). */
  readonly value: unknown;
}

interface CacheFile {
  readonly format: 4;
  /** The generator the values were checked by. */
  readonly generator: string;
  readonly files: Record<string, Entry>;
}

/**
 * A file modified this close to the moment its bytes were read (well above any file system's timestamp granularity)
 * may have changed again since without its time changing: its size and time prove nothing, and its bytes are hashed
 * (until they are read again later, with its time then well in the past).
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
    private readonly files: Record<string, Entry>,
    /** The entries of the base file; the journal holds the others (see save). */
    private readonly baseFiles: Record<string, Entry>,
  ) {
    this.prefix = Buffer.from(`${generator}\0`);
  }

  static open(root: string, generator: string): InputCache {
    const path = join(root, 'node_modules/.cache/agentic-platform-gitops/inputs.json');
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (file.format === 4 && file.generator === generator && file.files && typeof file.files === 'object') {
        const files = { ...file.files };
        for (const [name, entry] of Object.entries(readJournal(journalOf(path), generator))) {
          if (entry) files[name] = entry;
          else delete files[name];
        }
        return new InputCache(path, generator, files, file.files);
      }
    } catch {
      // No cache or an unreadable one: every file is read and checked.
    }
    return new InputCache(path, generator, {}, {});
  }

  private hash(bytes: Uint8Array): string {
    return hash('sha1', Buffer.concat([this.prefix, bytes]), 'base64');
  }

  /** The checked value of `file` if it has the size and time it had when checked, and was not racy then. */
  byStat(file: string, stat: Stats): unknown {
    const entry = this.files[file];
    if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs || entry.mtimeMs > entry.readAt - RACY_MS) return undefined;
    this.next[file] = entry;
    return entry.value;
  }

  /** The checked value of `file` if these exact bytes passed its checks before (the file was touched, not changed). */
  get(file: string, bytes: Uint8Array, stat: Stats): unknown {
    const entry = this.files[file];
    if (!entry || entry.hash !== this.hash(bytes)) return undefined;
    this.next[file] = { ...entry, size: stat.size, mtimeMs: stat.mtimeMs, readAt: Date.now() };
    this.changed = true;
    return entry.value;
  }

  /** Remembers that `bytes` of `file` (read with `stat`) passed its checks with `value`, copied now. */
  set(file: string, bytes: Uint8Array, stat: Stats, value: unknown): void {
    this.next[file] = { hash: this.hash(bytes), size: stat.size, mtimeMs: stat.mtimeMs, readAt: Date.now(), value: JSON.parse(JSON.stringify(value)) };
    this.changed = true;
  }

  /**
   * Writes the entries of this run (files that are gone are dropped), when anything differs from what was read: the
   * entries that differ from the base file go to a small journal beside it, and the base is rewritten with all of
   * them only when the journal grows past JOURNAL_LIMIT (a one-tenant change then writes a few kilobytes, not the
   * megabytes of a thousand tenants' values).
   */
  save(): void {
    if (!this.changed && Object.keys(this.next).length === Object.keys(this.files).length) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const journal: Record<string, Entry | null> = {};
    for (const [file, entry] of Object.entries(this.next)) if (entry !== this.baseFiles[file]) journal[file] = entry;
    for (const file of Object.keys(this.baseFiles)) if (!(file in this.next)) journal[file] = null;
    if (Object.keys(this.baseFiles).length === 0 || Object.keys(journal).length > JOURNAL_LIMIT) {
      // The journal goes first: an older base left by a crash only means files are read again.
      rmSync(journalOf(this.path), { force: true });
      writeWhole(this.path, JSON.stringify({ format: 4, generator: this.generator, files: this.next } satisfies CacheFile));
    } else {
      writeWhole(journalOf(this.path), JSON.stringify({ generator: this.generator, files: journal }));
    }
  }
}

/** Entries the journal may hold before the base file is rewritten with all of them. */
const JOURNAL_LIMIT = 100;

function journalOf(path: string): string {
  return path.replace(/\.json$/, '.journal.json');
}

/** The journal's entries (null: the file is gone), when it is there and of this generator. */
function readJournal(path: string, generator: string): Record<string, Entry | null> {
  try {
    const journal = JSON.parse(readFileSync(path, 'utf8')) as { generator?: string; files?: Record<string, Entry | null> };
    return journal.generator === generator && journal.files && typeof journal.files === 'object' ? journal.files : {};
  } catch {
    return {};
  }
}
