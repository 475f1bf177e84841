import { z } from 'zod';

/** A region code as the policy writes them ("DE", "US-CA"), or '' when the rep has not said. */
export const RegionCode = z.union([z.literal(''), z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a region code such as "DE" or "US-CA"')]);

/** The rep's remembered settings, kept in their vault (settings.get / settings.set). */
export const PreferencesView = z.object({
  /** Where the rep works: an all-party-consent region there binds every call they record. */
  region: RegionCode,
  /** The call type the new-recording form starts with; '' = the one used last. */
  defaultCallType: z.string().max(64),
  /** The microphone to record from (a browser device id); '' = the system default. */
  microphoneId: z.string().max(500),
  /** The call type of the last call set up (remembered, not chosen). */
  recentCallType: z.string().max(64),
});
export type PreferencesView = z.infer<typeof PreferencesView>;

export const PreferencesInput = PreferencesView.omit({ recentCallType: true }).strict();

/** The settings page's methods, spread into the contract (src/shared/contract/index.ts). */
export const settingsMethods = {
  'settings.get': { input: z.object({}).strict(), output: PreferencesView },
  'settings.set': { input: PreferencesInput, output: PreferencesView },
} as const;
