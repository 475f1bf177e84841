import { expect } from 'vitest';
import { createDispatcher } from '../../src/app/dispatch';
import { createHandlerTable, type AppServices } from '../../src/app/handlers';
import { silentLogger } from '../../src/app/logger';
import { createServices } from '../../src/app/services';
import { VaultSession } from '../../src/app/vault/vault-session';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import type { AppError, MethodInput, MethodName, MethodOutput, Result } from '../../src/shared/contract';
import { noTimers } from './call-fixture';
import { PASSPHRASE, vaultContext } from './vault-fixture';

export type AppCall = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;

/**
 * The app's side of a CLI-versus-app comparison: the handler table behind the dispatcher,
 * composed as the browser host composes it, unlocked with the fixture's passphrase.
 */
export async function withApp<T>(home: string, run: (call: AppCall, services: AppServices) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  const session = new VaultSession(new ProfileStore(home), await vaultContext(), noTimers);
  const services = await createServices(session, { env });
  const dispatch = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
  const call: AppCall = async (method, input) => (await dispatch(method, input)) as Result<MethodOutput<typeof method>>;
  expect((await call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } })).ok).toBe(true);
  try {
    return await run(call, services);
  } finally {
    session.lock();
    await services.transcription.idle();
  }
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(`${result.error.code}: ${result.error.message}`);
  }
  return result.value;
}

export function failure<T>(result: Result<T>): AppError {
  if (result.ok) {
    throw new Error('expected a failure');
  }
  return result.error;
}
