/**
 * Where the summary engine's worker comes from, and how it is started.
 *
 * - From the sources (tests, the CLI, the browser host, `electron-vite dev`): `llama-worker.ts`,
 *   run by Node through tsx.
 * - In the built Electron app: `electron-vite build` emits the worker as its own entry of the main
 *   build, `summary-worker.js` beside `index.js` (see electron.vite.config.ts), with node-llama-cpp
 *   left in node_modules (its native binaries are unpacked from app.asar by electron-builder).
 *   The main process names that file (`bundledSummaryWorker`) and starts it as an Electron
 *   utility process: a packaged app cannot `fork()` itself as Node (the runAsNode fuse is off).
 *
 * Either way the worker is a process of its own, killed on cancel, and its death is an error for
 * the one draft (llama-summary-engine.ts).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from './worker-protocol';

export interface SummaryWorkerEntry {
  /** The script the worker process runs. */
  readonly path: string;
  /** Node options it needs (the TypeScript loader when run from the sources). */
  readonly execArgv: readonly string[];
}

/** The file name `electron-vite build` gives the worker, beside the main bundle's `index.js`. */
export const SUMMARY_WORKER_BUNDLE = 'summary-worker.js';

/** The worker from the sources, run through tsx. */
export function sourceSummaryWorker(): SummaryWorkerEntry {
  return { path: fileURLToPath(new URL('./llama-worker.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

/** The worker the Electron build emitted into `mainDir` (the directory of the main bundle's entry). */
export function bundledSummaryWorker(mainDir: string): SummaryWorkerEntry {
  return { path: path.join(mainDir, SUMMARY_WORKER_BUNDLE), execArgv: [] };
}

/** One running worker process, whatever started it. */
export interface WorkerChannel {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Called once when the process ends or could not start. */
  onExit(listener: () => void): void;
  /** Ends it at once (no-op once it has ended). */
  kill(): void;
}

export type SummaryWorkerLauncher = (entry: SummaryWorkerEntry) => WorkerChannel;

/** Node's `fork` with an IPC channel and no output (the prompts hold transcript text). */
export const forkSummaryWorker: SummaryWorkerLauncher = (entry) => {
  const child = fork(entry.path, [], { execArgv: [...entry.execArgv], stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'json' });
  let ended = false;
  const exitListeners: (() => void)[] = [];
  const end = () => {
    if (!ended) {
      ended = true;
      for (const listener of exitListeners) {
        listener();
      }
    }
  };
  child.on('exit', end);
  child.on('error', end);
  return {
    pid: child.pid,
    send(message) {
      if (child.connected) {
        child.send(message);
      }
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    },
  };
};
