// The transcription engine built in the background on a fresh checkout: the status the app reads
// from the builder's real status file, the events the UI gets as it changes, the queue holding a
// job while the engine builds (and running it, on the real engine, when the build is done), and
// the real builder script writing its status.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppEvents } from '../../../src/app/app-events';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import { EngineMonitor } from '../../../src/app/transcription/engine-monitor';
import { TranscriptionQueue } from '../../../src/app/transcription/transcription-queue';
import type { OpenVault } from '../../../src/app/vault/open-vault';
import { encodeWav } from '../../../src/platform/audio/wav';
import { readEngineStatus, watchEngineStatus } from '../../../src/platform/transcription/engine-status';
import type { EngineStatusView } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/temp-dir';
import { until } from '../../helpers/until';
import { createTestVault } from '../../helpers/vault-fixture';
import { engineFor, layout, REPO_ROOT, runnerPath, speech, testModel } from './whisper-fixtures';

const open: OpenVault[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) {
    stop();
  }
  for (const vault of open.splice(0)) {
    vault.close();
  }
});

function writeStatus(file: string, status: object): void {
  fs.writeFileSync(`${file}.part`, JSON.stringify(status));
  fs.renameSync(`${file}.part`, file);
}

describe('the engine status the app reads', () => {
  it('is ready when the runner is there, whatever the status file says', () => {
    const dir = tempDir();
    const statusFile = path.join(dir, 'status.json');
    writeStatus(statusFile, { state: 'failed', percent: 3, step: 'x' });
    expect(readEngineStatus({ runnerPath: runnerPath(), statusFile })).toEqual({ state: 'ready', percent: 100, message: null });
  });

  it('is building with its percent and step while a live builder writes the file', () => {
    const dir = tempDir();
    const statusFile = path.join(dir, 'status.json');
    writeStatus(statusFile, { state: 'building', percent: 42.7, step: 'Compiling the transcription engine', pid: process.pid });
    expect(readEngineStatus({ runnerPath: path.join(dir, 'no-runner'), statusFile })).toEqual({ state: 'building', percent: 42, message: 'Compiling the transcription engine' });
  });

  it('is failed, with what to do, when the builder died mid-build or reported a failure', () => {
    const dir = tempDir();
    const statusFile = path.join(dir, 'status.json');
    writeStatus(statusFile, { state: 'building', percent: 42, step: 'Compiling', pid: 12345 });
    const dead = readEngineStatus({ runnerPath: path.join(dir, 'no-runner'), statusFile, isRunning: () => false });
    expect(dead.state).toBe('failed');
    expect(dead.message).toMatch(/stopped before it finished.*install-system-deps/);
    writeStatus(statusFile, { state: 'failed', percent: 10, step: 'cmake is missing: run scripts/install-system-deps.sh' });
    expect(readEngineStatus({ runnerPath: path.join(dir, 'no-runner'), statusFile }).message).toContain('cmake is missing');
  });

  it('is missing, with what to do, without a status file, or with a damaged one', () => {
    const dir = tempDir();
    const statusFile = path.join(dir, 'status.json');
    expect(readEngineStatus({ runnerPath: path.join(dir, 'no-runner') }).state).toBe('missing');
    fs.writeFileSync(statusFile, '{"state":"building","percent":');
    expect(readEngineStatus({ runnerPath: path.join(dir, 'no-runner'), statusFile }).state).toBe('missing');
    writeStatus(statusFile, { state: 'building', percent: 400, step: 'x', pid: process.pid });
    expect(readEngineStatus({ runnerPath: path.join(dir, 'no-runner'), statusFile }).state).toBe('missing');
  });
});

describe('while the engine builds', () => {
  it('a stopped call waits queued, the UI hears the progress, and the call is transcribed on the real engine when the build is done', async () => {
    const dir = tempDir();
    const statusFile = path.join(dir, 'status.json');
    const pendingRunner = path.join(dir, 'bin', 'callvault-whisper');
    writeStatus(statusFile, { state: 'building', percent: 12, step: 'Compiling the transcription engine', pid: process.pid });

    const { vault } = await createTestVault();
    open.push(vault);
    const wav = path.join(dir, 'call.wav');
    const line = speech('Thanks for joining, shall we go through the renewal terms.', 'en-us');
    fs.writeFileSync(wav, encodeWav({ sampleRate: 16_000, channels: [layout(5_000, [{ atMs: 300, samples: line }]), layout(5_000, [])] }));
    const { recordingId } = importWav(vault, wav, inspectImportFile(wav), { title: 'Renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });

    const events = new AppEvents();
    const heard: EngineStatusView[] = [];
    stops.push(events.subscribe((event) => {
      if (event.name === 'engine.status') {
        heard.push(event.payload);
      }
    }));
    const queue = new TranscriptionQueue({
      engineFor: (model) => Promise.resolve({ engine: engineFor(testModel()), label: 'whisper.cpp 1.9.1', model }),
      defaultModel: () => Promise.resolve('test-tiny'),
    }, () => new Date());
    const monitor = new EngineMonitor(
      { read: () => readEngineStatus({ runnerPath: pendingRunner, statusFile }), watch: (onChange) => watchEngineStatus(statusFile, onChange, 20) },
      events,
      (ready) => { queue.setEngineReady(ready); },
    );
    monitor.start();
    stops.push(() => { monitor.close(); });
    queue.attach(vault);

    await queue.enqueue(recordingId);
    writeStatus(statusFile, { state: 'building', percent: 57, step: 'Compiling the transcription engine', pid: process.pid });
    await until(() => heard.some((s) => s.percent === 57), { timeoutMs: 20_000, what: 'the 57% status event' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(queue.job(recordingId)?.state).toBe('queued');
    expect(vault.transcripts.latest(recordingId)).toBeUndefined();

    // The build finishes: the runner appears, the builder writes "ready".
    fs.mkdirSync(path.dirname(pendingRunner), { recursive: true });
    fs.symlinkSync(runnerPath(), pendingRunner);
    writeStatus(statusFile, { state: 'ready', percent: 100, step: 'Built' });
    await until(() => heard.at(-1)?.state === 'ready', { timeoutMs: 20_000, what: 'the engine to be ready' });
    await until(() => queue.job(recordingId)?.state === 'done', { what: 'the waiting job to be transcribed' });
    expect(vault.transcripts.latest(recordingId)?.version).toBe(1);
    expect(heard.map((s) => s.state)).toEqual(['building', 'ready']);
    expect(monitor.current().state).toBe('ready');
  });
});

describe('the engine monitor starting', () => {
  it('does not miss a status written between its first read and its watcher starting', async () => {
    const dir = tempDir();
    const statusFile = path.join(dir, 'status.json');
    const pendingRunner = path.join(dir, 'bin', 'callvault-whisper');
    writeStatus(statusFile, { state: 'building', percent: 12, step: 'Compiling the transcription engine', pid: process.pid });
    const events = new AppEvents();
    const heard: EngineStatusView[] = [];
    stops.push(events.subscribe((event) => {
      if (event.name === 'engine.status') {
        heard.push(event.payload);
      }
    }));
    const readiness: boolean[] = [];
    const monitor = new EngineMonitor(
      { read: () => readEngineStatus({ runnerPath: pendingRunner, statusFile }), watch: (onChange) => watchEngineStatus(statusFile, onChange, 20) },
      events,
      (ready) => { readiness.push(ready); },
    );
    expect(monitor.current().state).toBe('building');

    // The build finishes after the monitor's first read but before its watcher starts: fs.watchFile
    // compares against the file as it is when watching begins, so it would never report this write.
    fs.mkdirSync(path.dirname(pendingRunner), { recursive: true });
    fs.symlinkSync(runnerPath(), pendingRunner);
    writeStatus(statusFile, { state: 'ready', percent: 100, step: 'Built' });
    monitor.start();
    stops.push(() => { monitor.close(); });

    expect(monitor.current()).toEqual({ state: 'ready', percent: 100, message: null });
    expect(heard.map((s) => s.state)).toEqual(['ready']);
    expect(readiness).toEqual([false, true]);
    // Starting twice does not watch twice or announce again.
    monitor.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toHaveLength(1);
  });
});

describe('the background builder (scripts/engine-build.mjs)', () => {
  // A build script that prints what scripts/build-whisper.sh prints, in a second instead of minutes,
  // and records the status file as the builder left it at each of its steps.
  function fakeBuild(dir: string, statusFile: string, exit: number): string {
    const script = path.join(dir, 'build.sh');
    const seen = path.join(dir, 'seen.txt');
    fs.writeFileSync(script, [
      'set -e',
      `snap() { sleep 0.2; cat '${statusFile}' >> '${seen}'; echo >> '${seen}'; }`,
      'echo "build-whisper: fetching nodejs-whisper@0.3.1 from the npm registry"; snap',
      'echo "build-whisper: configuring native build"; snap',
      'echo "[ 50%] Building CXX object src/CMakeFiles/whisper.dir/whisper.cpp.o"; snap',
      'echo "[100%] Linking CXX executable bin/callvault-whisper"; snap',
      exit === 0 ? 'echo "build-whisper: done in 1 s"' : 'echo "build-whisper: cmake is missing: run scripts/install-system-deps.sh" >&2; exit 1',
    ].join('\n'));
    return script;
  }

  function seenStates(dir: string): { state: string; percent: number; step: string; pid?: number }[] {
    return fs.readFileSync(path.join(dir, 'seen.txt'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { state: string; percent: number; step: string; pid?: number });
  }

  it('writes each step’s progress while it builds and ends "ready", with the output logged beside the status', () => {
    const dir = tempDir();
    const statusFile = path.join(dir, 'status.json');
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'engine-build.mjs'), '--status', statusFile, '--script', fakeBuild(dir, statusFile, 0)]);
    const seen = seenStates(dir);
    expect(seen.map((s) => [s.state, s.percent])).toEqual([['building', 1], ['building', 6], ['building', 55], ['building', 99]]);
    expect(seen.every((s) => typeof s.pid === 'number')).toBe(true);
    expect(JSON.parse(fs.readFileSync(statusFile, 'utf8'))).toMatchObject({ state: 'ready', percent: 100 });
    expect(fs.readFileSync(path.join(dir, 'engine-build.log'), 'utf8')).toContain('[ 50%] Building CXX object');
  });

  it('ends "failed" with the build’s own last words, which the app shows with what to do', () => {
    const dir = tempDir();
    const statusFile = path.join(dir, 'status.json');
    expect(() => execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'engine-build.mjs'), '--status', statusFile, '--script', fakeBuild(dir, statusFile, 1)], { stdio: 'pipe' })).toThrow();
    expect(JSON.parse(fs.readFileSync(statusFile, 'utf8'))).toMatchObject({ state: 'failed', step: 'cmake is missing: run scripts/install-system-deps.sh' });
    const shown = readEngineStatus({ runnerPath: path.join(dir, 'no-runner'), statusFile });
    expect(shown.state).toBe('failed');
    expect(shown.message).toContain('cmake is missing');
  });
});
