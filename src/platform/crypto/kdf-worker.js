// Argon2id runs here, in a worker thread, so the 256 MiB it needs is freed when the worker ends.
// Plain JavaScript on purpose: every runtime (tsx, vitest, Electron) can start it as it is.
import { parentPort, workerData } from 'node:worker_threads';
import sodium from 'libsodium-wrappers-sumo';

await sodium.ready;
const { passphrase, salt, opsLimit, memLimitBytes } = workerData;
try {
  const key = sodium.crypto_pwhash(
    32,
    passphrase,
    salt,
    opsLimit,
    memLimitBytes,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
  parentPort.postMessage({ ok: true, key }, [key.buffer]);
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error) });
}
