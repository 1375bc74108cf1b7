import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { InputError } from './input-error.js';
import { fieldPath } from './input-error.js';

/** A parsed YAML file that can say where any field of it was written. */
export class YamlSource {
  private constructor(
    readonly file: string,
    readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Parses `text`; returns the source and every syntax problem, including YAML 1.1 look-alikes. */
  static parse(file: string, text: string): { source: YamlSource; errors: InputError[] } {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, version: '1.2', prettyErrors: false });
    const source = new YamlSource(file, document, lines);
    const errors: InputError[] = document.errors.map((e) => source.syntaxError(e.pos[0], e.code, e.message));
    if (errors.length === 0) errors.push(...source.yaml11Surprises());
    return { source, errors };
  }

  /** The file's content as plain data. */
  toJS(): unknown {
    return this.document.toJS({ maxAliasCount: 100 });
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

  private syntaxError(offset: number, code: string, message: string): InputError {
    const { line, col } = this.lines.linePos(offset);
    const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const fix =
      code === 'DUPLICATE_KEY'
        ? 'remove or rename one of the two keys'
        : code === 'TAB_AS_INDENT'
          ? 'indent with spaces'
          : 'fix the YAML syntax';
    return { file: this.file, line, column: col, field: '', message: `YAML ${code}: ${firstLine}; ${fix}` };
  }

  /**
   * YAML 1.1 (PyYAML, Helm, kubectl's parser) and YAML 1.2 (this tool) read some plain scalars differently.
   * A value that means different things to different readers is refused, so intent is always explicit.
   */
  private yaml11Surprises(): InputError[] {
    const errors: InputError[] = [];
    visit(this.document, {
      Scalar: (_key, node, path) => {
        if (node.type !== 'PLAIN' || !node.range) return;
        const raw = node.source ?? String(node.value);
        const surprise = yaml11Reading(raw);
        if (!surprise) return;
        const fields = pathOf(path, node);
        const { line, col } = this.lines.linePos(node.range[0]);
        errors.push({ file: this.file, line, column: col, field: fieldPath(fields), message: surprise });
      },
    });
    return errors;
  }
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
