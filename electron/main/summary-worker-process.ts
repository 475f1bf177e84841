/**
 * Starts the summary engine's worker as an Electron utility process. The packaged app cannot
 * `fork()` a Node child (the runAsNode fuse is off, electron-builder.yml), and a utility process
 * is a process of its own all the same: llama.cpp crashing there ends that process only, and the
 * draft fails with `engine-crashed` (src/platform/summary/llama-summary-engine.ts). The worker is
 * the bundle `electron-vite build` emits beside this file's own bundle (electron.vite.config.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { utilityProcess } from 'electron';
import { bundledSummaryWorker, type SummaryWorkerLauncher, type WorkerChannel } from '../../src/platform/summary/worker-location';
import type { FromWorker } from '../../src/platform/summary/worker-protocol';

/** The main bundle's directory (out/main, inside app.asar when packaged). */
const mainDir = path.dirname(fileURLToPath(import.meta.url));

export const summaryWorker = bundledSummaryWorker(mainDir);

export const launchUtilityWorker: SummaryWorkerLauncher = (entry) => {
  // No output: the prompts hold (redacted) transcript text.
  const child = utilityProcess.fork(entry.path, [], { serviceName: 'CallVault summary engine', stdio: 'ignore', execArgv: [...entry.execArgv] });
  let ended = false;
  const exitListeners: (() => void)[] = [];
  child.on('exit', () => {
    ended = true;
    for (const listener of exitListeners) {
      listener();
    }
  });
  const channel: WorkerChannel = {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (!ended) {
        child.postMessage(message);
      }
    },
    onMessage(listener) {
      child.on('message', (message: FromWorker) => { listener(message); });
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    kill() {
      if (!ended) {
        child.kill();
      }
    },
  };
  return channel;
};
