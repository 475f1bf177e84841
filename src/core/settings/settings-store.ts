import type { z } from 'zod';

/**
 * One setting kept in the vault: its key and the schema its stored value must fit. Each setting
 * is declared beside the code that owns it (roles and reviews in the policy handlers, the
 * auto-lock in the vault session, ...), so a value is written and read as one typed thing.
 */
export interface Setting<T> {
  readonly key: string;
  readonly schema: z.ZodType<T>;
}

export interface SettingsReader {
  /**
   * The stored value, parsed against the setting's schema; undefined when it was never set. A
   * stored value that does not fit is an INTEGRITY error naming the setting, never a cast.
   */
  read<T>(setting: Setting<T>): T | undefined;
}

export interface SettingsWriter {
  /** Stores the value (checked against the schema first, so a bad value never lands). */
  write<T>(setting: Setting<T>, value: T): void;
}

export type SettingsRepo = SettingsReader & SettingsWriter;
