import fs from 'node:fs';
import { z } from 'zod';
import type { EngineStatusView } from '../../shared/contract';

/**
 * Where the on-device transcription engine stands: built, being built in the background (by
 * `npm start` on a fresh checkout, through scripts/engine-build.mjs), failed to build, or missing.
 *
 * The background build writes its progress to a small JSON file (CALLVAULT_ENGINE_STATUS names
 * it); the runner's executable is the final word: when it is there, the engine is ready.
 */
const StatusFile = z.object({
  state: z.enum(['building', 'ready', 'failed']),
  percent: z.number().min(0).max(100),
  step: z.string().max(500),
  /** The builder's process id: a "building" file whose builder is gone is a failed build. */
  pid: z.number().int().positive().optional(),
});

export interface EngineStatusOptions {
  readonly runnerPath: string;
  readonly statusFile?: string | undefined;
  readonly isRunning?: (pid: number) => boolean;
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: it exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

function runnerIsThere(runnerPath: string): boolean {
  try {
    fs.accessSync(runnerPath, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readStatusFile(file: string): z.infer<typeof StatusFile> | undefined {
  try {
    const parsed = StatusFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // Not written yet, or caught half-written: the next change reads it again.
  }
}

const HOW_TO_BUILD = 'Run scripts/install-system-deps.sh, then scripts/build-whisper.sh (or start CallVault with npm start, which builds it). Recording works without it.';

export function readEngineStatus(options: EngineStatusOptions): EngineStatusView {
  if (runnerIsThere(options.runnerPath)) {
    return { state: 'ready', percent: 100, message: null };
  }
  const file = options.statusFile === undefined ? undefined : readStatusFile(options.statusFile);
  const isRunning = options.isRunning ?? processIsRunning;
  if (file?.state === 'building' && (file.pid === undefined || isRunning(file.pid))) {
    return { state: 'building', percent: Math.floor(file.percent), message: file.step };
  }
  if (file?.state === 'failed' || file?.state === 'building') {
    const why = file.state === 'failed' ? file.step : 'The build stopped before it finished.';
    return { state: 'failed', percent: null, message: `The transcription engine could not be built: ${why} ${HOW_TO_BUILD}` };
  }
  return { state: 'missing', percent: null, message: `The transcription engine is not built on this computer. ${HOW_TO_BUILD}` };
}

/**
 * Calls `onChange` whenever the status file changes (the builder rewrites it as it goes). The
 * file is watched by stat, which works on every platform and across atomic renames. Returns the
 * function that stops watching.
 */
export function watchEngineStatus(statusFile: string, onChange: () => void, intervalMs = 1000): () => void {
  const listener = (): void => { onChange(); };
  fs.watchFile(statusFile, { interval: intervalMs, persistent: false }, listener);
  return () => { fs.unwatchFile(statusFile, listener); };
}
