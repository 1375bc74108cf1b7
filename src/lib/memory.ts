import { setFlagsFromString } from 'node:v8';

/** How much V8 lets the old generation grow past what the last full collection left alive (default: up to 4x). */
const HEAP_GROWING_PERCENT = 20;

/**
 * Runs `work` with V8 told to grow the heap by at most 20 % past what the last full collection found alive, instead
 * of its default factor of up to four. Synth allocates a great deal that dies young but is promoted (YAML text of
 * thousands of files); left to the default, the heap of a 1,000-tenant synth grew to 560 MB around 150 MB alive.
 * With the factor capped it peaks near 240 MB, faster than with the forced full collection every few hundred units
 * that it replaces; at 3,000 tenants 30 % still peaked at 399 MB, 20 % at about 340 MB for the same CPU time
 * (bench/RESULTS.md). V8 reads the flag at each collection, so setting it at run time takes effect;
 * it is reset afterwards, because V8's code cache, which scripts/cli.mjs writes at exit, must be written under the
 * flags the next start-up has.
 */
export function withBoundedHeapGrowth<T>(work: () => T): T {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  try {
    return work();
  } finally {
    setFlagsFromString('--heap-growing-percent=0');
  }
}
