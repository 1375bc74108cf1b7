import { stringify } from 'yaml';

/**
 * YAML for plain JSON objects (what charts synthesize), byte-identical to cdk8s' `Yaml.stringify` (the `yaml`
 * package with YAML 1.1 scalars, no line folding, sequences indented under their key).
 *
 * Why not call the library for every object: it builds a node tree of every document before printing it, which was
 * a fifth of synth's time at a thousand tenants. Here the layout (maps, sequences, indentation) is written directly
 * and every scalar is still rendered by the library, once per distinct value, so quoting rules (YAML 1.1 look-alikes
 * such as "on" or "0777", special characters, block scalars) are the library's own. Tests compare the two on every
 * synthesized object and on awkward strings.
 */
const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/**
 * Scalars already rendered. Most repeat across objects (keys, kinds, labels); names unique to one tenant do not, so
 * the cache is emptied when it grows past SCALAR_CACHE_LIMIT rather than holding every name of a fleet.
 */
const scalarCache = new Map<unknown, string>();
const SCALAR_CACHE_LIMIT = 20_000;

/**
 * Strings the library always writes as they are (plain): a letter, then letters, digits and `_ . / -` only, and
 * longer than any YAML 1.1 word with a meaning of its own (`false`, `off`, `null`, ...; none has six letters), except
 * an exponent without digits before it (`e10000` reads as a float). Names unique to a tenant are mostly of this kind,
 * and a fresh process would otherwise render each through the library once. Tests compare the emitter with the
 * library on every synthesized object and on thousands of such strings.
 */
const ALWAYS_PLAIN = /^(?![eE][-+0-9])[A-Za-z][A-Za-z0-9_./-]{5,}$/;

/** A scalar that fits on one line, as the library renders it (plain or quoted); undefined for multi-line text. */
function inlineScalar(value: string | number | boolean | null): string | undefined {
  if (typeof value === 'string' && ALWAYS_PLAIN.test(value)) return value;
  let text = scalarCache.get(value);
  if (text === undefined) {
    text = stringify(value, OPTIONS).slice(0, -1);
    if (scalarCache.size >= SCALAR_CACHE_LIMIT) scalarCache.clear();
    scalarCache.set(value, text);
  }
  return text.includes('\n') ? undefined : text;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Thrown for values this emitter does not lay out itself; the caller falls back to the library. */
class Unsupported extends Error {}

export function toYaml(obj: unknown): string {
  try {
    const out: string[] = [];
    if (isMap(obj) && Object.keys(obj).length > 0) writeMap(obj, '', out);
    else if (Array.isArray(obj) && obj.length > 0) writeSeq(obj, '', out);
    else throw new Unsupported();
    return out.join('');
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    return stringify(obj, OPTIONS);
  }
}

/** `key: value` lines of a mapping; `indent` is the column of its keys. The first line's indent is the caller's. */
function writeMap(map: Record<string, unknown>, indent: string, out: string[], firstIndent = indent): void {
  let first = true;
  for (const key of Object.keys(map)) {
    const k = inlineScalar(key);
    if (k === undefined || k.startsWith('?')) throw new Unsupported();
    out.push(first ? firstIndent : indent, k, ':');
    first = false;
    writeValue(map[key], indent, out, k);
  }
}

/** `- item` lines of a sequence, at column `indent`. */
function writeSeq(seq: readonly unknown[], indent: string, out: string[], firstIndent = indent): void {
  let first = true;
  for (const item of seq) {
    out.push(first ? firstIndent : indent, '-');
    first = false;
    if (isMap(item) && Object.keys(item).length > 0) {
      writeMap(item, indent + '  ', out, ' ');
    } else if (Array.isArray(item) && item.length > 0) {
      writeSeq(item, indent + '  ', out, ' ');
    } else writeInline(item, indent, out, undefined);
  }
}

/** The value after `key:` (the colon is written). Nested collections go on the next lines, indented. */
function writeValue(value: unknown, indent: string, out: string[], key: string): void {
  if (isMap(value) && Object.keys(value).length > 0) {
    out.push('\n');
    writeMap(value, indent + '  ', out);
  } else if (Array.isArray(value) && value.length > 0) {
    out.push('\n');
    writeSeq(value, indent + '  ', out);
  } else writeInline(value, indent, out, key);
}

/** A scalar or empty collection after `key:` or `-`, then the end of line. */
function writeInline(value: unknown, indent: string, out: string[], key: string | undefined): void {
  if (isMap(value)) out.push(' {}\n');
  else if (Array.isArray(value)) out.push(' []\n');
  else if (typeof value === 'string' && value.includes('\n')) {
    // Rendered once, in place (a block scalar, or quoted on one line): a multi-line value, such as a configuration
    // file of a thousand tenants, is costly to render and is not worth keeping in the scalar cache.
    out.push(blockScalar(value, indent, key));
  } else if (isScalar(value)) {
    const text = inlineScalar(value);
    if (text !== undefined) out.push(' ', text, '\n');
    else out.push(blockScalar(value as string, indent, key));
  } else throw new Unsupported();
}

/** Characters that make the library quote a string (control characters, unpaired surrogates). */
const NEEDS_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

/**
 * A map value of multi-line text that the library always writes as a literal block (`|`, or `|-` without a final
 * newline): starting with a visible character, no whitespace at the end of a line, at most one final newline, no
 * control characters. Written here because the library's block scalar of a large text (a configuration file of a
 * thousand tenants) costs tens of milliseconds; tests compare it with the library on generated texts.
 */
function plainLiteral(text: string, indent: string): string | undefined {
  if (!text.includes('\n') || !/^\S/.test(text) || /[\t ](\n|$)/.test(text) || text.endsWith('\n\n') || NEEDS_QUOTES.test(text)) return undefined;
  const clip = text.endsWith('\n');
  const body = clip ? text.slice(0, -1) : text;
  const inner = `${indent}  `;
  return ` |${clip ? '' : '-'}\n${inner}${body.replace(/\n+/g, `$&${inner}`)}\n`;
}

/**
 * Multi-line text: the library's block scalar for it in the same place (after a key, or as a sequence item), which
 * depends on the indentation, so it is rendered in a one-entry document and shifted to `indent`.
 */
function blockScalar(text: string, indent: string, key: string | undefined): string {
  const literal = key === undefined ? undefined : plainLiteral(text, indent);
  if (literal !== undefined) return literal;
  const rendered = key === undefined ? stringify([text], OPTIONS).slice(1) : stringify({ k: text }, OPTIONS).slice(2);
  // Continuation lines start with the library's own indentation (relative to column 0); move them to ours.
  return rendered
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : indent + line))
    .join('\n');
}
