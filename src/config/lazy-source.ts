import type { InputError } from './input-error.js';
import { YamlSource, type SourcePositions } from './yaml-source.js';

/**
 * The positions of a file whose parsed document was not kept (or that was not even read, its checked value coming
 * from the input cache): parsed the first time a message needs a line, which on a run without errors is never.
 */
export class LazySource implements SourcePositions {
  private parsed?: YamlSource;

  /** `bytes`: the file's bytes, or how to read them when a message first needs a position. */
  constructor(
    readonly file: string,
    private readonly bytes: Uint8Array | (() => Uint8Array),
  ) {}

  private get source(): YamlSource {
    return (this.parsed ??= YamlSource.parse(this.file, typeof this.bytes === 'function' ? this.bytes() : this.bytes).source);
  }

  written(path: readonly (string | number)[]): string | undefined {
    return this.source.written(path);
  }

  locate(path: readonly (string | number)[], key?: boolean): { line: number; column: number } {
    return this.source.locate(path, key);
  }

  errorAt(path: readonly (string | number)[], message: string, opts?: { atKey?: boolean }): InputError {
    return this.source.errorAt(path, message, opts);
  }

  where(path: readonly (string | number)[]): string {
    return this.source.where(path);
  }
}
