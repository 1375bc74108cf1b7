import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { InputError } from './input-error.js';
import { fieldPath } from './input-error.js';

/**
 * Longest text one value may hold. Kubernetes keeps all annotations of an object under 256 KiB and a whole object
 * under about 1.5 MiB (etcd's request limit); a value anywhere near that is a mistake (a pasted file, a log).
 */
export const MAX_VALUE_CHARS = 64 * 1024;

/** Where the fields of an input file were written: what messages about the file need. */
export interface SourcePositions {
  readonly file: string;
  /** The value at `path` as the user wrote it, when its spelling matters (numbers); undefined otherwise. */
  written(path: readonly (string | number)[]): string | undefined;
  /** Position of the value at `path`, or of its nearest written ancestor. */
  locate(path: readonly (string | number)[], key?: boolean): { line: number; column: number };
  /** Builds an error located at `path`. */
  errorAt(path: readonly (string | number)[], message: string, opts?: { atKey?: boolean }): InputError;
  /** `file:line:col` of the value at `path`, for messages that point at a second place. */
  where(path: readonly (string | number)[]): string;
}

/** A parsed YAML file that can say where any field of it was written. */
export class YamlSource implements SourcePositions {
  private constructor(
    readonly file: string,
    readonly document: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly text: string,
  ) {}

  /**
   * Parses `text` (the file's bytes, or decoded text); returns the source and every problem that is not about the
   * schema. `errors` make the file unreadable: invalid UTF-8, YAML syntax, parser warnings (an unknown tag such as
   * `!Ref`), keys that are lists or mappings. `valueErrors` are single values that are wrong whatever the schema
   * says, so the schema can still check the rest of the file: YAML 1.1 look-alikes, and scalars that the Kubernetes
   * API would not store or that cannot be read exactly (control characters, numbers beyond double precision,
   * overlong text).
   */
  static parse(file: string, text: string | Uint8Array): { source: YamlSource; errors: InputError[]; valueErrors: InputError[] } {
    const decoded = typeof text === 'string' ? { text } : decodeUtf8(text);
    const lines = new LineCounter();
    const document = parseDocument(decoded.text, { lineCounter: lines, uniqueKeys: true, version: '1.2', prettyErrors: false });
    const source = new YamlSource(file, document, lines, decoded.text);
    if (decoded.bad) {
      const { line, col } = lines.linePos(decoded.bad.charOffset);
      const byte = decoded.bad.byte.toString(16).toUpperCase().padStart(2, '0');
      const message = `is not valid UTF-8 (byte 0x${byte} at byte offset ${decoded.bad.byteOffset}); save the file as UTF-8`;
      return { source, errors: [{ file, line, column: col, field: '', message }], valueErrors: [] };
    }
    const errors: InputError[] = [
      ...document.errors.map((e) => source.syntaxError(e.pos[0], e.code, e.message)),
      // Warnings are errors: an unresolved tag would otherwise silently become a plain string.
      ...document.warnings.map((w) => source.syntaxError(w.pos[0], w.code, w.message)),
    ];
    if (errors.length === 0) errors.push(...source.collectionKeys());
    return { source, errors, valueErrors: errors.length === 0 ? source.scalarProblems() : [] };
  }

  /** The file's content as plain data. */
  toJS(): unknown {
    return this.document.toJS({ maxAliasCount: 100 });
  }

  /**
   * The value at `path` as the user wrote it, for messages: a number keeps its spelling (`1.30`, `1e309`), so the
   * message shows what is in the file rather than what JavaScript made of it. Undefined for anything else.
   */
  written(path: readonly (string | number)[]): string | undefined {
    const node = this.nodeAt(path);
    if (isScalar(node) && typeof node.value === 'number' && node.range) return this.text.slice(node.range[0], node.range[1]);
    return undefined;
  }

  /** Position of the value at `path`, or of its nearest written ancestor. */
  locate(path: readonly (string | number)[], key = false): { line: number; column: number } {
    let node: unknown = this.document.contents;
    let offset = offsetOf(node) ?? 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        offset = (key ? offsetOf(pair.key) : undefined) ?? offsetOf(pair.value) ?? offsetOf(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
        node = node.items[seg];
        offset = offsetOf(node) ?? offset;
      } else {
        break;
      }
    }
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** Builds an error located at `path`. */
  errorAt(path: readonly (string | number)[], message: string, opts: { atKey?: boolean } = {}): InputError {
    return { file: this.file, ...this.locate(path, opts.atKey), field: fieldPath(path), message };
  }

  /** `file:line:col` of the value at `path`, for messages that point at a second place. */
  where(path: readonly (string | number)[]): string {
    const { line, column } = this.locate(path);
    return `${this.file}:${line}:${column}`;
  }

  private nodeAt(path: readonly (string | number)[]): unknown {
    let node: unknown = this.document.contents;
    for (const seg of path) {
      if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
      else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
      else return undefined;
    }
    return node;
  }

  private syntaxError(offset: number, code: string, message: string): InputError {
    const { line, col } = this.lines.linePos(offset);
    const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const fix =
      code === 'DUPLICATE_KEY'
        ? 'remove or rename one of the two keys'
        : code === 'TAB_AS_INDENT'
          ? 'indent with spaces'
          : code === 'TAG_RESOLVE_FAILED'
            ? 'remove the tag: these files are plain YAML, tags such as !Ref are not evaluated'
            : code === 'RESOURCE_EXHAUSTION'
              ? 'nest lists and mappings less deeply'
              : 'fix the YAML syntax';
    return { file: this.file, line, column: col, field: '', message: `YAML ${code}: ${firstLine}; ${fix}` };
  }

  /** Problems of single scalars (keys included), each at the scalar. */
  /** Keys that are lists or mappings (`? {a: 1}`): no schema has them, and JavaScript objects cannot hold them. */
  private collectionKeys(): InputError[] {
    const errors: InputError[] = [];
    visit(this.document, {
      Pair: (_key, pair, path) => {
        if (pair.key === null || isScalar(pair.key)) return;
        const { line, col } = this.lines.linePos((pair.key as Node).range?.[0] ?? 0);
        errors.push({ file: this.file, line, column: col, field: fieldPath(pathOf(path, pair)), message: 'has a key that is a list or mapping; keys are plain names' });
        return visit.SKIP;
      },
    });
    return errors;
  }

  private scalarProblems(): InputError[] {
    const errors: InputError[] = [];
    visit(this.document, {
      Scalar: (_key, node, path) => {
        if (!node.range) return;
        const raw = this.text.slice(node.range[0], node.range[1]);
        const problem = scalarProblem(node.value, raw, node.type === 'PLAIN');
        if (!problem) return;
        const { line, col } = this.lines.linePos(node.range[0]);
        errors.push({ file: this.file, line, column: col, field: fieldPath(pathOf(path, node)), message: problem });
      },
    });
    return errors;
  }
}

/** What is wrong with one scalar, or undefined. `raw` is its text in the file. */
function scalarProblem(value: unknown, raw: string, plain: boolean): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return /^[-+]?\.[a-zA-Z]+$/.test(raw)
        ? `${raw} is not a finite number, which JSON and Kubernetes cannot hold; write a number`
        : `${raw} is too large for a number (beyond double precision it reads as infinity); write a smaller number`;
    }
    if (Number.isInteger(value) && !Number.isSafeInteger(value) && /^[-+]?[0-9]+$/.test(raw)) {
      return `${raw} is too large to be kept exactly (integers above ${Number.MAX_SAFE_INTEGER} lose digits); write a smaller number`;
    }
  }
  if (typeof value === 'string') {
    const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/.exec(value);
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return `contains the control character U+${code} at position ${control.index + 1}, which Kubernetes labels and annotations do not accept; remove it`;
    }
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
      return 'contains an unpaired UTF-16 surrogate (an escape such as "\\ud800"), which is not a character; remove it';
    }
    if (value.length > MAX_VALUE_CHARS) {
      return `is ${value.length} characters long, over the ${MAX_VALUE_CHARS} a value may have (Kubernetes limits annotations to 256 KiB and objects to 1.5 MiB); shorten it`;
    }
  }
  return plain ? yaml11Reading(raw) : undefined;
}

/** Decodes strict UTF-8; on an invalid sequence, says where it is (in bytes, and as an offset into the text before it). */
function decodeUtf8(bytes: Uint8Array): { text: string; bad?: { byte: number; byteOffset: number; charOffset: number } } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const byteOffset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, byteOffset));
    // Index into the lossy text, without a leading BOM (the decoder drops it), for the line counter.
    const charOffset = before.length;
    return { text, bad: { byte: bytes[byteOffset], byteOffset, charOffset } };
  }
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i];
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0) return i;
    try {
      // The strict decoder knows the rest: continuation bytes, overlong forms, surrogates, truncation.
      if (n > 1) strict.decode(bytes.subarray(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return bytes.length;
}

/** Explains how YAML 1.1 would read `raw` differently from YAML 1.2, or returns undefined. */
export function yaml11Reading(raw: string): string | undefined {
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(raw)) {
    const b = /^(y|Y|yes|Yes|YES|on|On|ON)$/.test(raw);
    return `"${raw}" is the boolean ${b} in YAML 1.1 but a string in YAML 1.2; write ${b} for a boolean or "${raw}" (quoted) for text`;
  }
  if (/^[-+]?0[0-9_]+$/.test(raw)) {
    return `${raw} is an octal number in YAML 1.1 but decimal ${Number(raw.replace(/_/g, ''))} in YAML 1.2; write "${raw}" (quoted) for text, 0o${raw.replace(/^[-+]?0+/, '')} for octal or drop the leading zero`;
  }
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(raw)) {
    return `${raw} is a base-60 number in YAML 1.1 but a string in YAML 1.2; quote it ("${raw}")`;
  }
  return undefined;
}

function offsetOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** Turns yaml's visitor ancestry into a field path of keys and indexes. */
function pathOf(ancestors: readonly unknown[], leaf: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  const chain = [...ancestors, leaf];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) out.push(parent.items.indexOf(child as never));
    else if (isMap(parent)) {
      const pair = child as { key?: unknown };
      if (isScalar(pair.key)) out.push(String(pair.key.value));
    }
  }
  return out;
}
