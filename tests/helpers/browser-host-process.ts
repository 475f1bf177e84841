import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readLinesUntil, spawnTsx } from './spawn-tsx';

export interface RunningHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly home: string;
  readonly child: ChildProcessWithoutNullStreams;
  /** Presses Enter in the host's terminal and returns the new link it prints (each link opens one tab, once). */
  newLink(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the real browser host (`src/host/main.ts`) in its own process, with `home` as its data directory. */
export async function startHostProcess(home: string): Promise<RunningHost> {
  const child = spawnTsx('src/host/main.ts', [], { CALLVAULT_HOME: home });
  const lines = await readLinesUntil(child, (l) => l.some((x) => x.includes('CallVault is running at')), 60_000);
  const url = lines.find((l) => l.includes('CallVault is running at'))?.split(' at ')[1]?.trim() ?? '';
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    home,
    child,
    newLink: async () => {
      const printed = readLinesUntil(child, (l) => l.some((x) => x.startsWith('New link')), 10_000);
      child.stdin.write('\n');
      const line = (await printed).find((x) => x.startsWith('New link')) ?? '';
      return line.slice(line.indexOf('http://')).trim();
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => { resolve(); });
        child.kill('SIGTERM');
      }),
  };
}
