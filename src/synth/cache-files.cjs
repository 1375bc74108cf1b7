// Where synth keeps the cache of each dist/<env> folder, and its text as ChartCache, the files-check worker and
// scripts/cli.mjs (which starts that worker before the CLI bundle loads) all read it: plain CommonJS, so that the
// three share this one definition.
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/** The cache file of the environment folder `distDir` (its journal is beside it, see journalOf). */
function cacheFileOf(root, distDir) {
  const name = createHash('sha256').update(distDir).digest('hex').slice(0, 16);
  return join(root, 'node_modules/.cache/agentic-platform-gitops', `${name}.json`);
}

/** The journal beside a cache file: the units changed since the cache file was last written whole. */
function journalOf(path) {
  return path.replace(/\.json$/, '.journal.json');
}

function readOrEmpty(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The cache of `distDir` as text: the cache file's and its journal's, on two lines; undefined when neither exists. */
function readCacheText(root, distDir) {
  const path = cacheFileOf(root, distDir);
  const base = readOrEmpty(path);
  const journal = readOrEmpty(journalOf(path));
  return base === '' && journal === '' ? undefined : `${base}\n${journal}`;
}

/**
 * The cache text of every environment folder under `dist` that has one, by folder path, sorted by name: the order
 * synth builds environments in. Empty when there is no `dist`.
 */
function readCacheTexts(root, dist) {
  const texts = new Map();
  let folders;
  try {
    folders = readdirSync(dist, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return texts;
  }
  for (const folder of folders) {
    const text = readCacheText(root, join(dist, folder));
    if (text !== undefined) texts.set(join(dist, folder), text);
  }
  return texts;
}

module.exports = { cacheFileOf, journalOf, readCacheText, readCacheTexts };
