import { CACHE_FORMAT } from './chart-cache.js';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * The worker's code: for each environment folder, parses its cache (see ChartCache) and stats every file
 * of every unit; answers the ids of the units whose files all still have the recorded size and time. Plain
 * JavaScript run with `eval`, so it needs nothing of the bundle and starts in a few milliseconds.
 */
const WORKER = `
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { workerData } = require('node:worker_threads');
const { caches, signal, port } = workerData;
// One answer per environment, in the order synth builds them, so that it can start on the first while the worker
// checks the next.
for (const [dir, text] of caches) {
  let intact;
  try {
    const cache = JSON.parse(text);
    if (cache && cache.format === ${CACHE_FORMAT} && cache.units) {
      intact = [];
      for (const [id, unit] of Object.entries(cache.units)) {
        let ok = true;
        // A line per file, fields separated by tabs (see filesText in chart-cache.ts).
        for (const line of unit.files === '' ? [] : unit.files.split('\\n')) {
          const [name, size, mtimeMs] = line.split('\\t');
          const stat = statSync(join(dir, unit.folder, name), { throwIfNoEntry: false });
          if (!stat || stat.size !== Number(size) || stat.mtimeMs !== Number(mtimeMs)) { ok = false; break; }
        }
        if (ok) intact.push(id);
      }
    }
  } catch {
    intact = undefined;
  }
  port.postMessage({ dir, intact });
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
`;

/** How long synth waits for the worker before checking the files itself. */
const TIMEOUT_MS = 120_000;

/**
 * Checks on the second core, while synth loads its inputs and plans, that the files synth's caches record are still
 * as synth left them (tens of thousands of stat calls at a thousand tenants: a good part of a one-tenant change).
 * The answer is read synchronously (synth's pipeline is synchronous): the worker signals through shared memory and
 * the message is taken off its port without an event loop turn.
 */
export class CachedFilesCheck {
  private readonly answers = new Map<string, ReadonlySet<string> | undefined>();
  private received = 0;

  private constructor(
    private readonly signal: Int32Array,
    private readonly port: MessagePort,
    private readonly dirs: readonly string[],
  ) {}

  /** Starts the check of the caches given as (environment folder, text of its cache file), in build order. */
  static start(caches: ReadonlyMap<string, string>): CachedFilesCheck {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER, { eval: true, workerData: { caches: [...caches], signal, port: port2 }, transferList: [port2] });
    worker.unref();
    return new CachedFilesCheck(signal, port1, [...caches.keys()]);
  }

  /**
   * The units of the environment folder `dir` whose files are all intact, or undefined when the worker could not
   * tell (no cache for `dir`, an unreadable one, or no answer in time): then the caller checks the files itself.
   */
  intactUnits(dir: string): ReadonlySet<string> | undefined {
    if (!this.dirs.includes(dir)) return undefined;
    const deadline = Date.now() + TIMEOUT_MS;
    while (!this.answers.has(dir) && this.received < this.dirs.length && Date.now() < deadline) {
      let message;
      while ((message = receiveMessageOnPort(this.port))) {
        const { dir: answered, intact } = message.message as { dir: string; intact?: string[] };
        this.answers.set(answered, intact ? new Set(intact) : undefined);
        this.received++;
      }
      if (!this.answers.has(dir)) Atomics.wait(this.signal, 0, this.received, deadline - Date.now());
    }
    if (this.received === this.dirs.length) this.port.close();
    return this.answers.get(dir);
  }
}
