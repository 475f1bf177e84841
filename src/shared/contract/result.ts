import { z } from 'zod';

/** Every error that crosses the bridge carries one of these codes; the UI maps them to advice. */
export const ErrorCode = z.enum([
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'WRONG_SECRET',
  'VAULT_LOCKED',
  'VAULT_EXISTS',
  'VAULT_NOT_FOUND',
  'VAULT_CORRUPT',
  'VAULT_HEADER_TAMPERED',
  'VAULT_ROLLED_BACK',
  'PROFILE_NOT_FOUND',
  'PROFILE_EXISTS',
  'WEAK_PASSPHRASE',
  'INTEGRITY',
  'NOT_FOUND',
  'POLICY_UNAVAILABLE',
  'POLICY_NOT_ACKNOWLEDGED',
  'POLICY_CHANGED',
  'POLICY_BLOCKED',
  'CONSENT_REQUIRED',
  'BAD_AUDIO',
  'EXPORT_REFUSED',
  'CONFLICT',
  'MODEL_UNAVAILABLE',
  'SETUP_INCOMPLETE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * `detail`, when present, is a finer distinction inside the code, a fixed word such as
 * "checksum-mismatch" or "not-installed" (never personal data): the command line exits on it
 * (src/cli/exit-codes.ts); the renderer words the code alone.
 */
export const AppError = z.object({ code: ErrorCode, message: z.string(), detail: z.string().max(40).optional() });
export type AppError = z.infer<typeof AppError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppError }),
  ]);
}
