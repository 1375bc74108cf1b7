/**
 * `node scripts/bench-floor.mjs <rss-file> <objects.json> <out-dir>`: the floor of `npm run bench`. Serializes the
 * given objects with the `yaml` package and writes each to its file under <out-dir>: the least any synth must do.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

const [rssFile, objectsFile, out] = process.argv.slice(2);
process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS)));
const made = new Set();
for (const { path, object } of JSON.parse(readFileSync(objectsFile, 'utf8'))) {
  const file = join(out, path);
  if (!made.has(dirname(file))) {
    mkdirSync(dirname(file), { recursive: true });
    made.add(dirname(file));
  }
  writeFileSync(file, stringify(object));
}
