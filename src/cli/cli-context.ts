import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { VaultContext } from '../app/vault/open-vault';
import { BoundedReadError, readBoundedFile } from '../platform/files/bounded-read';
import { resolveAppHome } from '../platform/vault/app-home';
import type { Profile, ProfileStore } from '../platform/vault/profile-store';
import type { VaultSecret } from '../platform/vault/vault-keys';
import { ExitCode, type CliIo } from './cli-io';
import { CliFailure } from './cli-failure';
import { promptHidden } from './prompt';

export const commonOptions = {
  home: { type: 'string' },
  profile: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'recovery-key-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends ParseArgsConfig['options']>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options: { ...commonOptions, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliFailure(ExitCode.usage, error instanceof Error ? error.message : String(error));
  }
}

// libsodium and the profile store's schemas load only for the commands that use them (start-up).
export async function vaultContext(): Promise<VaultContext> {
  const { createCrypto } = await import('../platform/crypto/sodium-crypto');
  return { crypto: await createCrypto(), now: () => new Date() };
}

export async function profileStore(home: string | undefined, io: CliIo): Promise<ProfileStore> {
  const { ProfileStore } = await import('../platform/vault/profile-store');
  return new ProfileStore(home ?? resolveAppHome(io.env));
}

/** The profile named by --profile, or the only one there is. */
export function chooseProfile(store: ProfileStore, id: string | undefined): Profile {
  if (id !== undefined) {
    try {
      return store.get(id);
    } catch {
      throw new CliFailure(ExitCode.notFound, `There is no profile "${id}" in ${store.appHome}. Run "callvault vault init" to create one.`);
    }
  }
  const all = store.list();
  if (all.length === 1 && all[0]) {
    return all[0];
  }
  throw new CliFailure(
    all.length === 0 ? ExitCode.notFound : ExitCode.usage,
    all.length === 0 ? `No vault in ${store.appHome}. Run "callvault vault init" first.` : `Several profiles exist (${all.map((p) => p.id).join(', ')}); choose one with --profile.`,
  );
}

/** A passphrase or recovery key file is a few dozen bytes; this is far more than any. */
const MAX_SECRET_FILE_BYTES = 4096;

function readSecretFile(file: string): string {
  try {
    return readBoundedFile(file, MAX_SECRET_FILE_BYTES).toString('utf8').replace(/\r?\n$/, '');
  } catch (error) {
    if (error instanceof BoundedReadError) {
      throw new CliFailure(ExitCode.usage, `Cannot use ${file} as a secret file: ${error.message}. Give a regular file, or use CALLVAULT_PASSPHRASE or the prompt.`);
    }
    throw error;
  }
}

/** Passphrase from --passphrase-file, then CALLVAULT_PASSPHRASE, then a hidden TTY prompt. */
export async function readPassphrase(io: CliIo, file: string | undefined, envName: string, prompt: string): Promise<string> {
  if (file !== undefined) {
    return readSecretFile(file);
  }
  const fromEnv = io.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') {
    return fromEnv;
  }
  if (!io.interactive) {
    throw new CliFailure(ExitCode.usage, `No passphrase given: use --passphrase-file, set ${envName}, or run in a terminal to be asked.`);
  }
  return promptHidden(io, prompt);
}

export async function readUnlockSecret(io: CliIo, values: { 'passphrase-file'?: string | undefined; 'recovery-key-file'?: string | undefined }): Promise<VaultSecret> {
  if (values['recovery-key-file'] !== undefined) {
    return { kind: 'recovery-key', recoveryKey: readSecretFile(values['recovery-key-file']) };
  }
  return { kind: 'passphrase', passphrase: await readPassphrase(io, values['passphrase-file'], 'CALLVAULT_PASSPHRASE', 'Passphrase: ') };
}
