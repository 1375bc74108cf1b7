import type { Reporter } from 'vitest/reporters';

interface Task { type: string; mode?: string; result?: { state?: string }; tasks?: Task[] }

/**
 * Prints one plain closing line, "vitest: N passed, N failed[, N skipped]", which CI systems that do not parse
 * vitest's own summary can read.
 */
export default class SummaryReporter implements Reporter {
  onFinished(files: Task[] = []): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const walk = (t: Task) => {
      if (t.type === 'test') {
        if (t.result?.state === 'pass') counts.passed++;
        else if (t.result?.state === 'fail') counts.failed++;
        else counts.skipped++;
      }
      for (const c of t.tasks ?? []) walk(c);
    };
    files.forEach(walk);
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
    process.stdout.write(`\nvitest: ${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}
