/**
 * `node scripts/bench-floor.mjs <rss-file> <objects.json> <out-dir>` (JSON lines): the floor of `npm run bench`. Serializes the
 * given objects with the `yaml` package and writes each to its file under <out-dir>: the least any synth must do.
 */
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

const [rssFile, objectsFile, out] = process.argv.slice(2);
process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS)));
const made = new Set();
// One object a line: read as a stream, like synth never holding the whole fleet.
for await (const line of createInterface({ input: createReadStream(objectsFile) })) {
  const { path, object } = JSON.parse(line);
  const file = join(out, path);
  if (!made.has(dirname(file))) {
    mkdirSync(dirname(file), { recursive: true });
    made.add(dirname(file));
  }
  writeFileSync(file, stringify(object));
}
