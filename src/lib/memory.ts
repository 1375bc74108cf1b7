import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * Runs a full garbage collection now. Synth builds thousands of charts whose objects die right after they are
 * written; left to itself, V8 lets the heap grow to several times what is alive before collecting (a peak of about
 * 500 MB at 3,000 tenants for 110 MB alive). Collecting every few hundred charts keeps the peak near what is alive,
 * for a few percent of the time. The gc function is obtained the documented way for code that cannot pass node flags.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** How much V8 lets the old generation grow past what the last full collection left alive (default: up to 4x). */
const HEAP_GROWING_PERCENT = 30;

/**
 * Runs `work` with V8 told to grow the heap by at most 30 % past what the last full collection found alive, instead
 * of its default factor of up to four. Synth allocates a great deal that dies young but is promoted (YAML text of
 * thousands of files); left to the default, the heap of a 1,000-tenant synth grows to 560 MB around 150 MB alive,
 * with the factor capped, it peaks near 320 MB at the same speed (bench/RESULTS.md). The flag is read by V8 at each
 * collection, so setting it at run time takes effect; it is reset afterwards, because V8's code cache, which
 * scripts/cli.mjs writes at exit, must be written under the flags the next start-up has.
 */
export function withBoundedHeapGrowth<T>(work: () => T): T {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  try {
    return work();
  } finally {
    setFlagsFromString('--heap-growing-percent=0');
  }
}
