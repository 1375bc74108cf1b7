// The worker of CachedFilesCheck (cached-files-check.ts): plain CommonJS, so that scripts/cli.mjs can start it before
// the CLI bundle is even loaded. For each environment folder, in the order synth builds them, it parses the text of
// its cache (see ChartCache) and stats every file of every unit; it answers the ids of the units whose files all
// still have the recorded size and time, with the cache's format (an answer for another format is not used).
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { workerData } = require('node:worker_threads');

const { caches, signal, port } = workerData;
for (const [dir, text] of caches) {
  let format;
  let intact;
  try {
    // The base file's text and the journal's, on two lines (see ChartCache.readText); the journal's units win.
    const newline = text.indexOf('\n');
    const cache = JSON.parse(text.slice(0, newline));
    const journal = text.slice(newline + 1) === '' ? undefined : JSON.parse(text.slice(newline + 1));
    format = cache && cache.format;
    if (journal && journal.format !== format) format = undefined;
    const units = Object.assign({}, cache && cache.units, journal && journal.units);
    if (cache && cache.units) {
      intact = [];
      for (const [id, unit] of Object.entries(units)) {
        if (!unit) continue;
        let ok = true;
        // A line per file, fields separated by tabs (see filesText in chart-cache.ts).
        for (const line of unit.files === '' ? [] : unit.files.split('\n')) {
          const [name, size, mtimeMs] = line.split('\t');
          const stat = statSync(join(dir, unit.folder, name), { throwIfNoEntry: false });
          if (!stat || stat.size !== Number(size) || stat.mtimeMs !== Number(mtimeMs)) {
            ok = false;
            break;
          }
        }
        if (ok) intact.push(id);
      }
    }
  } catch {
    intact = undefined;
  }
  port.postMessage({ dir, format, intact });
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
