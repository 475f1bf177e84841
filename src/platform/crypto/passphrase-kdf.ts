import { Worker } from 'node:worker_threads';
import type { Argon2idParams, SymmetricKey } from '../../core/ports/crypto';

/** The floor the app will create vaults with: OWASP's "sensitive" Argon2id tier. */
export const ARGON2ID_DEFAULTS = { opsLimit: 3, memLimitBytes: 256 * 1024 * 1024 } as const;

type WorkerReply = { ok: true; key: Uint8Array } | { ok: false; message: string };

/**
 * Runs Argon2id in a fresh worker and terminates it afterwards, so the memory Argon2id used is
 * returned to the OS instead of staying in this process's WebAssembly heap.
 */
export async function deriveInWorker(passphrase: string, params: Argon2idParams): Promise<SymmetricKey> {
  const salt = Buffer.from(params.salt, 'hex');
  if (salt.length !== 16) {
    throw new Error('The vault header has a malformed Argon2id salt.');
  }
  const worker = new Worker(new URL('./kdf-worker.js', import.meta.url), {
    workerData: { passphrase, salt: new Uint8Array(salt), opsLimit: params.opsLimit, memLimitBytes: params.memLimitBytes },
  });
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
  }
}
