/**
 * `node scripts/bench-run.mjs <rss-file> <script> [args...]`: runs a script as node would, and writes the process's
 * peak resident memory (KiB) to <rss-file> when it exits. Used by `npm run bench`.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [rssFile, script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS)));
await import(pathToFileURL(script).href);
