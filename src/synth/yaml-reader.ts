import { parse, parseAllDocuments } from 'yaml';

/**
 * Reads a manifest file back, fast when it is in the layout the YAML emitter writes (block maps and sequences, one
 * scalar per line, `{}` and `[]`), and through the `yaml` package otherwise (hand-edited files, block scalars, several
 * documents). Every scalar is still resolved by the library (YAML 1.1, as Kubernetes tools read it), once per
 * distinct text. Tests compare the two readers on every synthesized file and on awkward values.
 *
 * Why: reading dist/ back with the library alone took 300 µs per object, most of `npm run validate`.
 */
export interface ReadResult {
  /** The documents of the file (null for an empty one). */
  readonly documents: unknown[];
  /** The first YAML error, when the file is not valid YAML. */
  readonly error?: string;
}

export function readYaml(text: string): ReadResult {
  const fast = fastRead(text);
  if (fast !== NOT_SIMPLE) return { documents: [fast] };
  const docs = parseAllDocuments(text, { version: '1.1' });
  const error = docs.find((d) => d.errors.length > 0)?.errors[0].message;
  if (error) return { documents: [], error };
  return { documents: docs.map((d) => d.toJS()).filter((d) => d !== null && d !== undefined) };
}

export const NOT_SIMPLE = Symbol('not simple');

/** Scalars already resolved; emptied past 20,000 entries (see the emitter's cache). */
const scalarCache = new Map<string, unknown>();
/** A one-line scalar as the library reads it in a block mapping value, or NOT_SIMPLE. */
function scalar(text: string): unknown {
  if (scalarCache.has(text)) return scalarCache.get(text);
  let value: unknown = NOT_SIMPLE;
  // Anything that may open a multi-line or structured value, an anchor, alias, tag or comment goes to the library.
  if (!/^[|>&*!%@`#{[]/.test(text) || text === '{}' || text === '[]') {
    if (text === '{}') value = {};
    else if (text === '[]') value = [];
    else {
      try {
        const doc = parse(`v: ${text}\n`, { version: '1.1', uniqueKeys: false }) as { v: unknown } | null;
        if (doc && typeof doc === 'object' && Object.keys(doc).length === 1 && (doc.v === null || typeof doc.v !== 'object')) value = doc.v;
      } catch {
        value = NOT_SIMPLE;
      }
    }
  }
  // Collections must be fresh objects, never shared between documents.
  if (scalarCache.size >= 20_000) scalarCache.clear();
  if (typeof value !== 'object' || value === null) scalarCache.set(text, value);
  return value;
}

/** A mapping key: plain or quoted, as the library reads it; NOT_SIMPLE for anything else. */
function key(text: string): string | typeof NOT_SIMPLE {
  const v = scalar(text);
  return typeof v === 'string' ? v : NOT_SIMPLE;
}

interface Frame {
  /** Column of this collection's keys or dashes. */
  readonly indent: number;
  readonly value: Record<string, unknown> | unknown[];
  /** For a map: a key written as `key:` whose value (a deeper collection) has not started yet. */
  pendingKey?: string;
}

/** Splits `key: value` (or `key:`) after a plain or quoted key; undefined when the line is not that shape. */
function splitPair(line: string): [string, string] | undefined {
  let i: number;
  if (line[0] === '"' || line[0] === "'") {
    const quote = line[0];
    for (i = 1; i < line.length; i++) {
      if (line[i] === '\\' && quote === '"') i++;
      else if (line[i] === quote) {
        if (quote === "'" && line[i + 1] === "'") i++;
        else break;
      }
    }
    i++;
    if (line[i] !== ':' || (i + 1 < line.length && line[i + 1] !== ' ')) return undefined;
  } else {
    i = line.indexOf(': ');
    if (i < 0) i = line.endsWith(':') ? line.length - 1 : -1;
    if (i <= 0) return undefined;
  }
  return [line.slice(0, i), line.slice(i + 2)];
}

/** The document when `text` is in the simple layout, or NOT_SIMPLE. Exported for tests. */
export function fastRead(text: string): unknown {
  if (!text.endsWith('\n') || text.includes('\t') || text.includes('\r')) return NOT_SIMPLE;
  const lines = text.split('\n');
  lines.pop();
  const root: Record<string, unknown> = {};
  const stack: Frame[] = [{ indent: 0, value: root }];
  const top = () => stack[stack.length - 1];

  /** Opens a collection as the next item of the top sequence, or as the value of the top map's pending key. */
  const open = (value: Record<string, unknown> | unknown[], indent: number) => {
    const t = top();
    if (Array.isArray(t.value)) t.value.push(value);
    else {
      t.value[t.pendingKey!] = value;
      t.pendingKey = undefined;
    }
    stack.push({ indent, value });
  };

  for (const line of lines) {
    if (line === '' || line.trimEnd() !== line) return NOT_SIMPLE;
    let col = 0;
    while (line[col] === ' ') col++;
    let rest = line.slice(col);
    if (rest.startsWith('#') || rest.startsWith('---') || rest.startsWith('...')) return NOT_SIMPLE;

    // Close the collections deeper than this line; a key left without its value means null: the library's case.
    while (stack.length > 1 && top().indent > col) {
      if (top().pendingKey !== undefined) return NOT_SIMPLE;
      stack.pop();
    }
    if (top().indent < col) {
      // Deeper: the start of the value of the pending key (a map, or a sequence indented under the key).
      if (Array.isArray(top().value) || top().pendingKey === undefined) return NOT_SIMPLE;
      open(rest.startsWith('- ') ? [] : {}, col);
    } else if (top().pendingKey !== undefined) return NOT_SIMPLE;

    // Each "- " starts an item: "- - x" a nested sequence, "- key: v" a map whose keys are two columns right.
    while (rest.startsWith('- ')) {
      if (!Array.isArray(top().value)) return NOT_SIMPLE;
      col += 2;
      rest = rest.slice(2);
      if (rest.startsWith('- ')) open([], col);
      else if (splitPair(rest)) open({}, col);
    }

    const t = top();
    if (Array.isArray(t.value)) {
      const v = scalar(rest);
      if (v === NOT_SIMPLE) return NOT_SIMPLE;
      t.value.push(v);
      continue;
    }
    const pair = splitPair(rest);
    if (!pair) return NOT_SIMPLE;
    const k = key(pair[0]);
    if (k === NOT_SIMPLE || k === '__proto__' || k === '<<' || Object.prototype.hasOwnProperty.call(t.value, k)) return NOT_SIMPLE;
    if (pair[1] === '') {
      t.pendingKey = k;
      continue;
    }
    const v = scalar(pair[1]);
    if (v === NOT_SIMPLE) return NOT_SIMPLE;
    t.value[k] = v;
  }
  if (stack.some((f) => f.pendingKey !== undefined)) return NOT_SIMPLE;
  return Object.keys(root).length > 0 ? root : NOT_SIMPLE;
}
