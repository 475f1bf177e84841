import { Worker } from 'node:worker_threads';
import type { Argon2idParams, SymmetricKey } from '../../core/ports/crypto';
import { CallVaultError } from '../../shared/callvault-error';

/** The floor the app will create vaults with: OWASP's "sensitive" Argon2id tier. */
export const ARGON2ID_DEFAULTS = { opsLimit: 3, memLimitBytes: 256 * 1024 * 1024 } as const;

/**
 * What a vault header may ask of Argon2id before we run it. A header is read before anything
 * can be authenticated, so these bounds are all that stands between an edited vault.json and a
 * 4 GiB, minute-long derivation. The defaults above sit inside them.
 */
export const ARGON2ID_BOUNDS = {
  opsLimit: { min: 1, max: 10 },
  memLimitBytes: { min: 64 * 1024 * 1024, max: 1024 * 1024 * 1024 },
} as const;

/**
 * TEST ONLY: a cheap profile so the test suite need not pay 256 MiB per vault. It is accepted
 * (at creation and at unlock) only while the process runs with CALLVAULT_TEST_KDF=weak, which
 * the test helpers set and nothing in the app or the CLI does; a production process refuses a
 * header that asks for it exactly like any other out-of-bounds header.
 */
export const TEST_WEAK_ARGON2ID = { opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 } as const;
export const TEST_KDF_ENV = 'CALLVAULT_TEST_KDF';

export function testKdfAllowed(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env[TEST_KDF_ENV] === 'weak';
}

/** The header asks for Argon2id parameters outside what CallVault ever writes: it was edited. */
export class KdfParamsError extends CallVaultError {
  constructor(message: string) {
    super('VAULT_HEADER_TAMPERED', message);
  }
  override readonly name = 'KdfParamsError';
}

/** Throws `KdfParamsError` unless Argon2id may run with these parameters. Runs no KDF itself. */
export function assertKdfParamsInBounds(params: Pick<Argon2idParams, 'opsLimit' | 'memLimitBytes'>, env: Readonly<Record<string, string | undefined>> = process.env): void {
  const { opsLimit, memLimitBytes } = params;
  if (testKdfAllowed(env) && opsLimit === TEST_WEAK_ARGON2ID.opsLimit && memLimitBytes === TEST_WEAK_ARGON2ID.memLimitBytes) {
    return;
  }
  const ops = ARGON2ID_BOUNDS.opsLimit;
  const mem = ARGON2ID_BOUNDS.memLimitBytes;
  if (!Number.isSafeInteger(opsLimit) || opsLimit < ops.min || opsLimit > ops.max || !Number.isSafeInteger(memLimitBytes) || memLimitBytes < mem.min || memLimitBytes > mem.max) {
    throw new KdfParamsError(
      `The vault header asks for Argon2id with ${opsLimit} passes and ${Math.round(memLimitBytes / 1024 / 1024)} MiB; CallVault only uses ` +
        `${ops.min}-${ops.max} passes and ${mem.min / 1024 / 1024}-${mem.max / 1024 / 1024} MiB, so vault.json was altered. ` +
        'Nothing was derived. Restore vault.json from a backup, or ask your administrator.',
    );
  }
}

type WorkerReply = { ok: true; key: Uint8Array } | { ok: false; message: string };

/**
 * One derivation at a time per process: Argon2id takes up to 1 GiB, so parallel unlock
 * requests queue here instead of multiplying the memory.
 */
let queue: Promise<unknown> = Promise.resolve();
const activity = { running: 0, maxRunning: 0, started: 0 };

/** How many key-derivation workers have been alive at once in this process (for tests and benches). */
export function kdfWorkerActivity(): { readonly running: number; readonly maxRunning: number; readonly started: number } {
  return { ...activity };
}

/**
 * Runs Argon2id in a fresh worker and terminates it afterwards, so the memory Argon2id used is
 * returned to the OS instead of staying in this process's WebAssembly heap. The parameters are
 * checked first; a derivation waits for the one before it.
 */
export function deriveInWorker(passphrase: string, params: Argon2idParams): Promise<SymmetricKey> {
  assertKdfParamsInBounds(params);
  const salt = Buffer.from(params.salt, 'hex');
  if (salt.length !== 16) {
    return Promise.reject(new KdfParamsError('The vault header has a malformed Argon2id salt, so vault.json was altered. Restore it from a backup.'));
  }
  const run = queue.then(() => runWorker(passphrase, new Uint8Array(salt), params));
  queue = run.catch(() => undefined);
  return run;
}

async function runWorker(passphrase: string, salt: Uint8Array, params: Argon2idParams): Promise<SymmetricKey> {
  const worker = new Worker(new URL('./kdf-worker.js', import.meta.url), {
    workerData: { passphrase, salt, opsLimit: params.opsLimit, memLimitBytes: params.memLimitBytes },
  });
  activity.running += 1;
  activity.started += 1;
  activity.maxRunning = Math.max(activity.maxRunning, activity.running);
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', (message: WorkerReply) => { resolve(message); });
      worker.once('error', reject);
      worker.once('exit', (code) => { reject(new Error(`The key-derivation worker stopped early (exit ${code}).`)); });
    });
    if (!reply.ok) {
      throw new Error(`Key derivation failed: ${reply.message}`);
    }
    return new Uint8Array(reply.key) as SymmetricKey;
  } finally {
    await worker.terminate();
    activity.running -= 1;
  }
}
