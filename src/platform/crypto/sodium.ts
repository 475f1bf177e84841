import sodium from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodium;

let ready: Promise<Sodium> | undefined;

/** libsodium's WebAssembly must be instantiated once before use. */
export function loadSodium(): Promise<Sodium> {
  ready ??= sodium.ready.then(() => sodium);
  return ready;
}
