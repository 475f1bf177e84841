import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput, Result, UnlockSecret } from '../shared/contract';
import { readUnlockSecret } from './cli-context';
import { CliFailure } from './cli-failure';
import { ExitCode, type CliIo } from './cli-io';
import { exitCodeFor } from './exit-codes';

/**
 * The CLI as a client of the app's handler table, in-process: the same composition as the hosts
 * (services, policy source, dispatcher), every operation a contract method, every change the app
 * announces a contract event. Commands parse arguments, call methods and format what comes back.
 */
export interface CliApp {
  readonly appHome: string;
  /** Calls a contract method; a failure becomes a CliFailure with its documented exit code. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The same, returning the Result, for a command that words a failure itself. */
  tryCall<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Hears one contract event (as a window would); returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Locks the vault if one is open (audited, as in the app) and wipes its keys. */
  close(): void;
}

/** A CliApp whose profile is selected and whose vault is unlocked. */
export interface CliSession extends CliApp {
  readonly profileId: string;
}

export interface AppOptions {
  readonly home?: string | undefined;
  /** Extra environment for this run (e.g. CALLVAULT_MODEL_MIRROR from --mirror). */
  readonly env?: Readonly<Record<string, string>> | undefined;
}

export interface SessionOptions extends AppOptions {
  readonly profile?: string | undefined;
  readonly 'passphrase-file'?: string | undefined;
  readonly 'recovery-key-file'?: string | undefined;
  /** The secret, when the command has read it already (it needs it again). */
  readonly secret?: UnlockSecret | undefined;
}

/**
 * Composes the app for the CLI's app home with no profile selected and the vault locked: enough
 * for the methods that need no vault (models, which live outside every vault).
 */
export async function openCliApp(options: AppOptions, io: CliIo): Promise<CliApp> {
  // The app (handler table, SQLite, libsodium, the contract's schemas) loads only here, once a
  // command has parsed its arguments and needs it: "--help" and usage errors never pay for it.
  const [{ composeApp }, { silentLogger }] = await Promise.all([import('../app/compose'), import('../app/logger')]);
  const env = { ...io.env, ...(options.home !== undefined && { CALLVAULT_HOME: options.home }), ...options.env };
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
  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) =>
    app.events.subscribe((heard) => {
      if (heard.name === event) {
        // The bus parsed this payload with the schema of `event`.
        listener(heard.payload as EventPayload<E>);
      }
    });
  return { appHome: app.appHome, call, tryCall, on, close: () => { app.close(); } };
}

/** Composes the app for the CLI's app home, selects the profile and unlocks it with the CLI's secret. */
export async function openCliSession(options: SessionOptions, io: CliIo): Promise<CliSession> {
  const app = await openCliApp(options, io);
  try {
    const profileId = chooseProfile(await app.call('profiles.list', {}), app.appHome, options.profile);
    await app.call('profiles.select', { profileId });
    await app.call('vault.unlock', { secret: options.secret ?? (await readUnlockSecret(io, options)) });
    return { ...app, profileId };
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
