import type { ErrorObject } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import type { InputError } from './input-error.js';
import type { YamlSource } from './yaml-source.js';
import { closest } from '../lib/closest.js';
import { INPUT_STANDALONE, type ValidateFn } from '../validation/standalone-code.js';
import { cachedValidator, VALIDATOR_CACHE_DIR } from '../validation/validator-cache.js';

/**
 * Validates parsed YAML against one of our JSON Schemas, fills in defaults, and explains every error.
 *
 * The schema is compiled as INPUT_AJV_OPTIONS says (all errors, defaults, verbose errors, strict, ajv-formats, our
 * annotation keyword errorMessage: the plain-words description of what a field accepts, used in messages below).
 */
export class SchemaCheck<T> {
  private compiled?: ValidateFn;

  /** `cacheDir`: where the compiled validator is kept between runs (tests pass their own). */
  constructor(
    private readonly schema: TSchema,
    private readonly cacheDir = VALIDATOR_CACHE_DIR,
  ) {}

  /**
   * Compiled on first use: a run whose files all come from the input cache never needs it. Compiling an input schema
   * costs a tenth of a second, as much as re-synthesizing a changed tenant; the code ajv generated for it last time
   * is kept on disk (see validator-cache.ts) and loads in a few milliseconds.
   */
  private get validateFn(): ValidateFn {
    this.compiled ??= cachedValidator(this.schema, this.cacheDir, INPUT_STANDALONE);
    return this.compiled;
  }

  /** Returns the value with defaults applied, or the errors located in `source`. */
  check(source: YamlSource, data: unknown): { value?: T; errors: InputError[] } {
    if (this.validateFn(data)) return { value: data as T, errors: [] };
    const errors = simplify(this.validateFn.errors ?? []).map((e) => explain(source, e));
    return { errors: dedupe(errors) };
  }
}

/** A `anyOf`/union failure produces one error per branch; keep the union's own error, drop the branch noise. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const unionPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'anyOf' || !unionPaths.has(e.instancePath));
}

function dedupe(errors: InputError[]): InputError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.line}:${e.column}:${e.field}:${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A value for a message: JSON, with long text cut so one bad value cannot flood the output. */
function shown(value: unknown): string {
  if (typeof value === 'string' && value.length > 80) return `${JSON.stringify(value.slice(0, 40))}... (${value.length} characters)`;
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 200 ? `${json.slice(0, 200)}...` : json;
}

function explain(source: YamlSource, e: ErrorObject): InputError {
  const path = pointerToPath(e.instancePath);
  const parent = e.parentSchema as { errorMessage?: string; description?: string } | undefined;
  const accepts = parent?.errorMessage;
  // As written in the file (a number keeps its spelling), so the user recognizes it.
  const got = source.written(path) ?? shown(e.data);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const guess = closest(key, known);
      const fix = guess ? `did you mean "${guess}"?` : `allowed keys: ${known.join(', ')}`;
      return source.errorAt([...path, key], `unknown key "${key}"; ${fix}`, { atKey: true });
    }
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const props = (e.parentSchema as { properties?: Record<string, { description?: string }> }).properties ?? {};
      const what = props[missing]?.description;
      return source.errorAt([...path, missing], `is required${what ? ` (${what})` : ''}; add it`);
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return source.errorAt(path, `must be one of ${allowed.map(shown).join(', ')} (got ${got})`);
    }
    case 'const':
      return source.errorAt(path, `must be ${shown((e.params as { allowedValue: unknown }).allowedValue)} (got ${got})`);
    case 'anyOf': {
      const branches = (e.schema as { const?: unknown }[]) ?? [];
      const consts = branches.filter((b) => b.const !== undefined).map((b) => b.const);
      if (consts.length === branches.length && consts.length > 0) {
        return source.errorAt(path, `must be one of ${consts.map(shown).join(', ')} (got ${got})`);
      }
      return source.errorAt(path, `must be ${accepts ?? 'one of the allowed forms'} (got ${got})`);
    }
    case 'maximum':
      // Upper bounds are what the consuming system holds; the field's usual wording ("an integer >= 0") would mislead.
      return source.errorAt(path, `must be at most ${(e.params as { limit: number }).limit} (got ${got})`);
    default: {
      const rule = accepts ?? ruleText(e);
      return source.errorAt(path, `must be ${rule} (got ${got})`);
    }
  }
}

/** Plain words for ajv's remaining keywords. */
function ruleText(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `of type ${p.type}`;
    case 'minimum':
      return `${p.comparison} ${p.limit}`;
    case 'maximum':
      return `${p.comparison} ${p.limit}`;
    case 'minItems':
      return `a list of at least ${p.limit} item(s)`;
    case 'uniqueItems':
      return `a list without duplicates (items ${p.j} and ${p.i} are equal)`;
    case 'minLength':
      return `at least ${p.limit} character(s)`;
    case 'maxLength':
      return `at most ${p.limit} characters`;
    case 'format':
      return `a valid ${p.format}`;
    case 'pattern':
      return `text matching ${p.pattern}`;
    default:
      return e.message ?? e.keyword;
  }
}
