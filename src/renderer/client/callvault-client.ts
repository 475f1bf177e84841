// The renderer's only door to CallVault. It calls `window.callvault` (installed by the Electron
// preload or the browser bridge; this module does not care which), turns thrown failures into
// Result errors, tells subscribers when any call found the vault locked, and carries the app's
// events to listeners (validated against the contract).
import { CallVaultError } from '../../shared/callvault-error';
import { events, type AppError, type CallVaultMethods, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodOutput, type Result } from '../../shared/contract';

export type CallResult<M extends MethodName> = Result<MethodOutput<M>>;

type LockedListener = () => void;
const lockedListeners = new Set<LockedListener>();

/**
 * Runs `listener` whenever a call returns VAULT_LOCKED (the vault locked itself while idle).
 * Returns the function that removes it.
 */
export function onVaultLocked(listener: LockedListener): () => void {
  lockedListeners.add(listener);
  return () => {
    lockedListeners.delete(listener);
  };
}

function unreachable(cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return {
    code: 'INTERNAL',
    message: `CallVault did not answer (${detail}). Restart CallVault and try again.`,
  };
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<CallResult<M>> {
  let result: CallResult<M>;
  try {
    const methods: CallVaultMethods = window.callvault;
    result = await methods[method](input);
  } catch (cause: unknown) {
    result = { ok: false, error: unreachable(cause) };
  }
  if (!result.ok && result.error.code === 'VAULT_LOCKED') {
    for (const listener of [...lockedListeners]) {
      listener();
    }
  }
  return result;
}

/** Like `call`, but returns the value and throws a `CallVaultError` (code and message as the host sent them) on failure. */
export async function callOrThrow<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await call(method, input);
  if (!result.ok) {
    throw new CallVaultError(result.error.code, result.error.message);
  }
  return result.value;
}

/**
 * Runs `listener` with every `event` the app sends until `signal` aborts; payloads that do not
 * match the contract are dropped. The host's own listener is removed on abort.
 */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void, options: { readonly signal: AbortSignal }): void {
  const { signal } = options;
  if (signal.aborted) {
    return;
  }
  const schema = events[event];
  const stop = window.callvault.on(event, (payload: unknown) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success && !signal.aborted) {
      // The schema for `event` produced this value.
      listener(parsed.data as EventPayload<E>);
    }
  });
  signal.addEventListener('abort', stop, { once: true });
}
