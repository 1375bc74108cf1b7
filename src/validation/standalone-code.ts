import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type Options } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';

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

/**
 * The schema compiled to the source of a CommonJS module that exports its validate function (ajv "standalone"
 * code). A fresh Ajv instance each time: it holds every schema it compiled, and nothing needs them after this.
 */
export function standaloneCode(schema: object): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  return standaloneModule.default(ajv, ajv.compile(schema));
}

/**
 * Runs standalone code and returns the function it exports. The code may only require ajv's small runtime helpers
 * (string length in code points, deep equality, ...); anything else means it is not code we generated.
 */
export function loadStandalone(code: string): ValidateFn {
  const module = { exports: {} as unknown };
  const requireRuntime = (id: string): unknown => {
    if (!/^ajv\/dist\/runtime\/[a-z0-9_]+$/.test(id)) throw new Error(`generated validator requires ${id}`);
    return require(id);
  };
  // The code is what ajv generated for our own schemas (see validator-cache.ts for how a file is trusted).
  new Function('require', 'module', 'exports', code)(requireRuntime, module, module.exports);
  if (typeof module.exports !== 'function') throw new Error('generated validator exports no function');
  return module.exports as ValidateFn;
}
