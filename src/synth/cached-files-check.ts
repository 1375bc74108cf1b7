import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { GENERATOR_ROOT } from '../lib/generator.js';
import { CACHE_FORMAT } from './chart-cache.js';

/** The worker's code: a plain CommonJS file next to this one (see it for what it does). */
export const WORKER_FILE = join(GENERATOR_ROOT, 'src/synth/cached-files-worker.cjs');

/**
 * Where scripts/cli.mjs leaves a check it started itself, before loading the CLI, for `synth` into `dist` (the
 * folder's absolute path), with the cache texts it read (see ChartCache.readText) in build order.
 */
const EARLY = Symbol.for('agentic-platform-gitops.cached-files-check');
interface EarlyCheck {
  readonly dist: string;
  readonly caches: ReadonlyMap<string, string>;
  readonly signal: Int32Array;
  readonly port: MessagePort;
}

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
    const worker = new Worker(WORKER_FILE, { workerData: { caches: [...caches], signal, port: port2 }, transferList: [port2] });
    worker.unref();
    return new CachedFilesCheck(signal, port1, [...caches.keys()]);
  }

  /**
   * The check scripts/cli.mjs started for `synth` into `dist` before the CLI was loaded (a good part of a second
   * earlier than synth could), with the cache texts it read; taken once. Undefined when there is none for `dist`.
   */
  static takeEarly(dist: string): { check: CachedFilesCheck; caches: ReadonlyMap<string, string> } | undefined {
    const early = (globalThis as Record<symbol, EarlyCheck | undefined>)[EARLY];
    if (!early || early.dist !== dist) return undefined;
    (globalThis as Record<symbol, EarlyCheck | undefined>)[EARLY] = undefined;
    return { check: new CachedFilesCheck(early.signal, early.port, [...early.caches.keys()]), caches: early.caches };
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
        const { dir: answered, format, intact } = message.message as { dir: string; format?: unknown; intact?: string[] };
        this.answers.set(answered, intact && format === CACHE_FORMAT ? new Set(intact) : undefined);
        this.received++;
      }
      if (!this.answers.has(dir)) Atomics.wait(this.signal, 0, this.received, deadline - Date.now());
    }
    if (this.received === this.dirs.length) this.port.close();
    return this.answers.get(dir);
  }
}
