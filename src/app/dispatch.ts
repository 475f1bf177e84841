import { CallVaultError } from '../shared/callvault-error';
import { contract, isMethodName, type AppError, type Result } from '../shared/contract';
import type { HandlerTable } from './handlers/handler-types';
import type { Logger } from './logger';

/**
 * Turns any thrown error into an error a person can act on: a CallVaultError keeps its code and
 * message; anything else, and a CallVaultError marked INTERNAL, is logged and says only that.
 */
export function toAppError(error: unknown, logger: Logger): AppError {
  if (error instanceof CallVaultError && error.code !== 'INTERNAL') {
    return { code: error.code, message: error.message, ...(error.detail !== undefined && { detail: error.detail }) };
  }
  logger.error('unexpected handler error', error);
  return { code: 'INTERNAL', message: 'Something went wrong inside CallVault. Nothing was changed; try again, and if it keeps happening, restart the app.' };
}

export type Dispatcher = (method: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * Validates the method name and the input against the contract before any handler runs, and
 * returns every outcome as a Result so errors cross the bridge intact.
 */
export function createDispatcher(table: HandlerTable, logger: Logger, onActivity: () => void = () => undefined): Dispatcher {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no operation named ${JSON.stringify(method)}.` } };
    }
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'BAD_REQUEST', message: `Invalid input for ${method}${issue ? ` at "${issue.path.join('.') || '(root)'}": ${issue.message}` : ''}.` } };
    }
    onActivity();
    try {
      const handler = table[method] as (input: unknown) => unknown;
      const value: unknown = await handler(parsed.data);
      return { ok: true, value: contract[method].output.parse(value) };
    } catch (error) {
      return { ok: false, error: toAppError(error, logger) };
    }
  };
}
