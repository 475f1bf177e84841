import { normaliseRegion } from './policy-primitives';

/** How a participant's region relates to a list of policy region entries. */
export type RegionMatch =
  | { readonly kind: 'match'; readonly entry: string }
  /** A country given where the list names one of its subdivisions: it may be that one. */
  | { readonly kind: 'ambiguous'; readonly entry: string }
  | { readonly kind: 'none' };

function country(region: string): string {
  return region.split('-')[0] ?? region;
}

/**
 * Matches a (normalised) region against entries that are ISO codes or group names:
 * - "US-CA" matches "US-CA" and "US" (a whole country covers its subdivisions);
 * - "DE" or "DE-BY" matches a group containing "DE";
 * - "US" against "US-CA" is ambiguous: a state was not given, and it could be California.
 */
export function matchRegion(region: string, entries: readonly string[], groups: Readonly<Record<string, readonly string[]>>): RegionMatch {
  const covers = (code: string) => region === code || region.startsWith(`${code}-`);
  for (const entry of entries) {
    const members = Object.hasOwn(groups, entry) ? (groups[entry] ?? []) : [entry];
    if (members.some(covers)) {
      return { kind: 'match', entry };
    }
  }
  if (!region.includes('-')) {
    for (const entry of entries) {
      const members = Object.hasOwn(groups, entry) ? (groups[entry] ?? []) : [entry];
      if (members.some((code) => code.includes('-') && country(code) === region)) {
        return { kind: 'ambiguous', entry };
      }
    }
  }
  return { kind: 'none' };
}

/** A participant's region as typed by the rep, normalised; undefined when absent or unreadable. */
export function participantRegion(raw: string | undefined): string | undefined {
  return raw === undefined ? undefined : normaliseRegion(raw);
}
