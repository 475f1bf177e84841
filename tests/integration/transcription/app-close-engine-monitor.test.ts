// App.close stops following the engine's background build: a closed app (a window that quit, a
// test's app) hears no later change of the status file and keeps no stat watcher alive.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeApp } from '../../../src/app/compose';
import { silentLogger } from '../../../src/app/logger';
import type { EngineStatusView } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/temp-dir';
import { until } from '../../helpers/until';

function writeStatus(file: string, percent: number): void {
  fs.writeFileSync(`${file}.part`, JSON.stringify({ state: 'building', percent, step: 'Compiling the transcription engine', pid: process.pid }));
  fs.renameSync(`${file}.part`, file);
}

/** Whether `check` holds within `timeoutMs` (the negative case waits it out). */
async function holdsWithin(check: () => boolean, timeoutMs: number): Promise<boolean> {
  try {
    await until(check, { timeoutMs, intervalMs: 50 });
    return true;
  } catch {
    return false;
  }
}

describe('App.close', () => {
  it('closes the engine monitor: status changes after close are not announced', async () => {
    const home = tempDir();
    const statusFile = path.join(home, 'engine-status.json');
    writeStatus(statusFile, 10);
    const env = { ...process.env, CALLVAULT_HOME: home, CALLVAULT_ENGINE_STATUS: statusFile, CALLVAULT_WHISPER_RUNNER: path.join(home, 'no-runner') };
    const app = await composeApp({ host: 'browser', version: 't', logger: silentLogger, env });
    const heard: EngineStatusView[] = [];
    const unsubscribe = app.events.subscribe((event) => {
      if (event.name === 'engine.status') {
        heard.push(event.payload);
      }
    });
    try {
      expect(app.services.engine.current()).toMatchObject({ state: 'building', percent: 10 });
      // Open: a change is heard (the watcher polls the file every second). The watcher takes its
      // first look in the background, so a write before that look is its starting point, not a
      // change: the file is written again each second until the open app hears it.
      let lastWrite = 0;
      await until(() => {
        if (heard.some((s) => s.percent === 20)) {
          return true;
        }
        if (Date.now() - lastWrite > 1_000) {
          writeStatus(statusFile, 20);
          lastWrite = Date.now();
        }
        return false;
      }, { timeoutMs: 20_000, what: 'the open app to hear the status change' });

      app.close();
      writeStatus(statusFile, 30);
      expect(await holdsWithin(() => heard.some((s) => s.percent === 30), 3_000)).toBe(false);
      expect(app.services.engine.current().percent).toBe(20);
    } finally {
      unsubscribe();
    }
  });
});
