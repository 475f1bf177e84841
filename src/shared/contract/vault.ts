import { z } from 'zod';

export const ProfileId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Profile ids are lower-case letters, digits and dashes');

export const ProfileSummary = z.object({
  id: ProfileId,
  displayName: z.string().min(1).max(80),
  hasVault: z.boolean(),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const VaultState = z.enum(['no-profile', 'no-vault', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultState>;

export const DeviceUnlockStatus = z.object({
  /** The OS keychain is trustworthy here (never Linux's plaintext basic_text store). */
  offered: z.boolean(),
  enrolled: z.boolean(),
  /** Why it is not offered, in words a person can act on. */
  reason: z.string().nullable(),
});
export type DeviceUnlockStatus = z.infer<typeof DeviceUnlockStatus>;

export const VaultStatus = z.object({
  state: VaultState,
  profileId: ProfileId.nullable(),
  autoLockMinutes: z.number().int().min(1).max(240),
  deviceUnlock: DeviceUnlockStatus,
  /** The organisation the policy in force names, if any: the strength meter counts it as guessable. */
  organisation: z.string().nullable().optional(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

/** Passphrases are checked for length here; strength is judged by the vault service. */
export const Passphrase = z.string().min(1).max(1024);

export const UnlockSecret = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('passphrase'), passphrase: Passphrase }),
  z.object({ kind: z.literal('recovery-key'), recoveryKey: z.string().min(1).max(200) }),
]);
export type UnlockSecret = z.infer<typeof UnlockSecret>;

/** What may unlock: a secret the person knows or holds, or this device's keychain. */
export const UnlockMethod = z.union([UnlockSecret, z.object({ kind: z.literal('device') })]);
export type UnlockMethod = z.infer<typeof UnlockMethod>;

export const RecordingSummary = z.object({
  id: z.string(),
  title: z.string(),
  callType: z.string(),
  startedAt: z.string(),
  durationMs: z.number().int().nonnegative(),
  status: z.string(),
  /** Set for a recording cut off by a crash: where it ends. */
  recoveredAtMs: z.number().int().nullable(),
});
export type RecordingSummary = z.infer<typeof RecordingSummary>;

/** One entry of the vault's audit log; `detail` is the JSON text the entry's MAC covers. */
export const AuditEntryView = z.object({ seq: z.number().int(), at: z.string(), event: z.string(), detail: z.string() });
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** Whether the audit chain is intact: every link and MAC, nothing removed, reordered or cut off. */
export const AuditVerdictView = z.object({ ok: z.boolean(), entries: z.number().int(), problems: z.array(z.string()).optional() });

/** What "verify the vault" found: database pages, the audit chain, every recording's chunks, strays. */
export const VaultVerifyView = z.object({
  ok: z.boolean(),
  database: z.string(),
  audit: AuditVerdictView,
  recordings: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      startedAt: z.string(),
      status: z.string(),
      chunks: z.number().int(),
      /** Damage or tampering; any of them fails the verification. */
      problems: z.array(z.string()),
      /** States that are not damage (still recording, recovered after a crash, an unfinished import). */
      notes: z.array(z.string()),
    }),
  ),
  strays: z.array(z.object({ name: z.string(), problem: z.string() })),
});
export type VaultVerifyView = z.infer<typeof VaultVerifyView>;
