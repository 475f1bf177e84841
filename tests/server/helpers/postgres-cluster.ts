import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster from Debian's `postgresql` package (scripts/install-system-deps.sh):
 * initdb in a temp directory, pg_ctl on a free loopback port, trust auth for the one local user.
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user the
 * package creates (runuser); as anyone else it runs as that user.
 */

export interface Cluster {
  readonly url: string;
  readonly bin: string;
  stop(): void;
}

export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) {
    throw new Error('PostgreSQL is not installed: run `bash scripts/install-system-deps.sh` (Debian package "postgresql").');
  }
  return path.join(base, newest, 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBinDir();
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-pg-'));
  const data = path.join(dir, 'data');
  const run = (file: string, args: string[]) => {
    const command = root ? 'runuser' : file;
    const argv = root ? ['-u', 'postgres', '--', file, ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) {
      throw new Error(`${path.basename(file)} failed (${String(result.status)}): ${result.stderr}${result.stdout}`);
    }
  };
  if (root) {
    execFileSync('chown', ['postgres:postgres', dir]);
    fs.chmodSync(dir, 0o700);
  }
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'callvault', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  return {
    url: `postgres://callvault@127.0.0.1:${port}/postgres`,
    bin,
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
