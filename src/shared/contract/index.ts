import { z } from 'zod';
import { Passphrase, ProfileId, ProfileSummary, RecordingSummary, UnlockMethod, UnlockSecret, VaultStatus } from './vault';

export * from './result';
export * from './vault';

const None = z.object({}).strict();

/**
 * The one list of operations the UI may ask for. A method name is a key; its input and output
 * types come from that key. Both hosts and the preload are derived from this object.
 */
export const contract = {
  'app.info': {
    input: None,
    output: z.object({ version: z.string(), host: z.enum(['electron', 'browser']), platform: z.string() }),
  },
  'profiles.list': { input: None, output: z.array(ProfileSummary) },
  'profiles.create': {
    input: z.object({ displayName: z.string().trim().min(1).max(80) }).strict(),
    output: ProfileSummary,
  },
  'profiles.select': { input: z.object({ profileId: ProfileId }).strict(), output: VaultStatus },
  'vault.status': { input: None, output: VaultStatus },
  /** Creates the selected profile's vault; the recovery key is returned this once and never again. */
  'vault.create': {
    input: z.object({ passphrase: Passphrase }).strict(),
    output: z.object({ recoveryKey: z.string(), status: VaultStatus }),
  },
  'vault.unlock': { input: z.object({ secret: UnlockMethod }).strict(), output: VaultStatus },
  'vault.lock': { input: None, output: VaultStatus },
  'vault.changePassphrase': {
    input: z.object({ current: UnlockSecret, next: Passphrase }).strict(),
    output: VaultStatus,
  },
  /** Turns device unlock on (the vault must be unlocked) or off. */
  'vault.setDeviceUnlock': { input: z.object({ enabled: z.boolean() }).strict(), output: VaultStatus },
  'vault.setAutoLock': {
    input: z.object({ minutes: z.number().int().min(1).max(240) }).strict(),
    output: VaultStatus,
  },
  'recordings.list': { input: None, output: z.array(RecordingSummary) },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** The shape of `window.callvault`: exactly one async function per contract method. */
export type CallVaultApi = {
  readonly [M in MethodName]: (input: MethodInput<M>) => Promise<import('./result').Result<MethodOutput<M>>>;
};
