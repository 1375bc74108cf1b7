import { createRequire } from 'node:module';
import { _, Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * How every generated schema is compiled: all errors (a synth reports every problem of an object at once), no strict
 * mode (the schemas carry keywords like x-scope that ajv does not know), no formats (Kubernetes' formats such as
 * int64 are not JSON Schema formats), and each $ref its own function (see split-schema.ts).
 */
export const AJV_OPTIONS: Readonly<Options> = { allErrors: true, strict: false, validateFormats: false, inlineRefs: false };

/** A compiled schema, as ajv's own validate functions are called: true or false, the errors left on the function. */
export interface ValidateFn {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const require = createRequire(import.meta.url);

/** The version of ajv that generates the code: other versions generate other code. */
export const AJV_VERSION: string = (require('ajv/package.json') as { version: string }).version;

/** The version of ajv-formats, whose formats the input validators' code calls (see INPUT_STANDALONE). */
export const AJV_FORMATS_VERSION: string = (require('ajv-formats/package.json') as { version: string }).version;

/**
 * The schema compiled to the source of a CommonJS module that exports its validate function (ajv "standalone"
 * code). A fresh Ajv instance each time: it holds every schema it compiled, and nothing needs them after this.
 */
export function standaloneCode(schema: object): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  return standaloneModule.default(ajv, ajv.compile(schema));
}

/**
 * How the input schemas (src/config/schema: what users write in environments/ and tenants/) are compiled: all
 * errors, defaults filled in (the validate function writes them into the data), verbose errors (the messages quote
 * the failing field's schema and value), strict (our own schemas: an unknown keyword is a mistake), ajv-formats'
 * full formats (uri, email) and our annotation keyword errorMessage (see schema-check.ts).
 */
export const INPUT_AJV_OPTIONS: Readonly<Options> = { allErrors: true, useDefaults: true, verbose: true, strict: true };

/** The only module besides ajv's runtime that input validator code requires: ajv-formats' format definitions. */
const FORMATS_MODULE = 'ajv-formats/dist/formats';

/** An input schema compiled to standalone code, its formats taken from FORMATS_MODULE when the code is loaded. */
export function inputStandaloneCode(schema: object): string {
  const ajv = new Ajv({ ...INPUT_AJV_OPTIONS, code: { source: true, formats: _`require(${FORMATS_MODULE}).fullFormats` } });
  addFormats(ajv); // full mode: the formats of FORMATS_MODULE's fullFormats
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return standaloneModule.default(ajv, ajv.compile(schema));
}

/**
 * Runs standalone code and returns the function it exports. The code may only require ajv's small runtime helpers
 * (string length in code points, deep equality, ...), and, when `formats` is set (input validators), ajv-formats'
 * format definitions; anything else means it is not code we generated.
 */
export function loadStandalone(code: string, { formats = false } = {}): ValidateFn {
  const module = { exports: {} as unknown };
  const requireRuntime = (id: string): unknown => {
    if (!/^ajv\/dist\/runtime\/[a-z0-9_]+$/.test(id) && !(formats && id === FORMATS_MODULE)) throw new Error(`generated validator requires ${id}`);
    return require(id);
  };
  // The code is what ajv generated for our own schemas (see validator-cache.ts for how a file is trusted).
  new Function('require', 'module', 'exports', code)(requireRuntime, module, module.exports);
  if (typeof module.exports !== 'function') throw new Error('generated validator exports no function');
  return module.exports as ValidateFn;
}

/** How one kind of schema is compiled to standalone code and loaded again: what validator-cache.ts caches. */
export interface StandaloneKind {
  /** Everything besides the schema that the generated code depends on, and that a cache key must therefore cover. */
  readonly id: Readonly<Record<string, unknown>>;
  code(schema: object): string;
  load(code: string): ValidateFn;
}

/** The generated output schemas (CRDs, Kubernetes objects): see AJV_OPTIONS. */
export const OUTPUT_STANDALONE: StandaloneKind = { id: { ajv: AJV_VERSION, options: AJV_OPTIONS }, code: standaloneCode, load: (code) => loadStandalone(code) };

/** The input schemas: see INPUT_AJV_OPTIONS. Its id names what inputStandaloneCode adds to them: change both together. */
export const INPUT_STANDALONE: StandaloneKind = {
  id: { kind: 'input', ajv: AJV_VERSION, ajvFormats: AJV_FORMATS_VERSION, formats: 'full', keywords: ['errorMessage:string'], options: INPUT_AJV_OPTIONS },
  code: inputStandaloneCode,
  load: (code) => loadStandalone(code, { formats: true }),
};
