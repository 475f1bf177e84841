import { composeApp } from '../app/compose';
import { silentLogger } from '../app/logger';
import type { MethodInput, MethodName, MethodOutput, Result, UnlockSecret } from '../shared/contract';
import { readUnlockSecret } from './cli-context';
import { CliFailure } from './cli-failure';
import { ExitCode, type CliIo } from './cli-io';
import { exitCodeFor } from './exit-codes';

/**
 * The CLI as a client of the app's handler table, in-process: the same composition as the hosts
 * (services, policy source, dispatcher), unlocked through `vault.unlock`, every operation a
 * contract method. Commands parse arguments, call methods and format what comes back.
 */
export interface CliSession {
  readonly appHome: string;
  readonly profileId: string;
  /** Calls a contract method; a failure becomes a CliFailure with its documented exit code. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The same, returning the Result, for a command that words a failure itself. */
  tryCall<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Locks the vault (audited, as in the app) and wipes its keys. */
  close(): void;
}

export interface SessionOptions {
  readonly home?: string | undefined;
  readonly profile?: string | undefined;
  readonly 'passphrase-file'?: string | undefined;
  readonly 'recovery-key-file'?: string | undefined;
  /** The secret, when the command has read it already (it needs it again). */
  readonly secret?: UnlockSecret | undefined;
}

/** Composes the app for the CLI's app home, selects the profile and unlocks it with the CLI's secret. */
export async function openCliSession(options: SessionOptions, io: CliIo): Promise<CliSession> {
  const env = options.home === undefined ? io.env : { ...io.env, CALLVAULT_HOME: options.home };
  const app = await composeApp({ host: 'cli', version: io.env.npm_package_version ?? '0.1.0', logger: silentLogger, env });
  const tryCall = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> =>
    // The dispatcher validated the value against the contract's output schema for M.
    (await app.dispatch(method, input)) as Result<MethodOutput<M>>;
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await tryCall(method, input);
    if (!result.ok) {
      throw new CliFailure(exitCodeFor(result.error), result.error.message);
    }
    return result.value;
  };
  try {
    const profileId = chooseProfile(await call('profiles.list', {}), app.appHome, options.profile);
    await call('profiles.select', { profileId });
    await call('vault.unlock', { secret: options.secret ?? (await readUnlockSecret(io, options)) });
    return { appHome: app.appHome, profileId, call, tryCall, close: () => { app.close(); } };
  } catch (error) {
    app.close();
    throw error;
  }
}

/** The profile named by --profile, or the only one there is. */
function chooseProfile(profiles: readonly { readonly id: string }[], appHome: string, id: string | undefined): string {
  if (id !== undefined) {
    if (!profiles.some((p) => p.id === id)) {
      throw new CliFailure(ExitCode.notFound, `There is no profile "${id}" in ${appHome}. Run "callvault vault init" to create one.`);
    }
    return id;
  }
  const [only, ...others] = profiles;
  if (only && others.length === 0) {
    return only.id;
  }
  throw new CliFailure(
    only ? ExitCode.usage : ExitCode.notFound,
    only ? `Several profiles exist (${profiles.map((p) => p.id).join(', ')}); choose one with --profile.` : `No vault in ${appHome}. Run "callvault vault init" first.`,
  );
}
