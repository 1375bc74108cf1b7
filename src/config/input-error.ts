/** One problem found in a user's input file, with everything needed to find and fix it. */
export interface InputError {
  /** Path of the file relative to the repository root, e.g. `tenants/acme.yaml`. */
  readonly file: string;
  /** 1-based line, or 0 when the problem concerns the file as a whole. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** Dotted field path, e.g. `quota.gpus` or `agents[0].name`; empty for the whole file. */
  readonly field: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** Thrown by the loader when any input file is wrong; carries every error of the run, not just the first. */
export class InputErrors extends Error {
  constructor(public readonly errors: readonly InputError[]) {
    super(`${errors.length} input error(s)`);
  }
}

export function formatInputError(e: InputError): string {
  const where = e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file;
  return e.field ? `${where} ${e.field}: ${e.message}` : `${where} ${e.message}`;
}

/** Sorts errors by file, then position, so a run always prints them in the same order. */
export function sortInputErrors(errors: readonly InputError[]): InputError[] {
  return [...errors].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
  );
}

/** Renders a field path (`['agents', 0, 'name']`) the way users write it (`agents[0].name`). */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : String(seg)),
    '',
  );
}
