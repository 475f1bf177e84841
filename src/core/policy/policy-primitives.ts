import { z } from 'zod';
import { isCalendarDate, parseDuration, type Duration } from './calendar';
import { foldText, normaliseDomain, normaliseEmail } from './text-match';

/**
 * The small value schemas a policy is built from. Each normalises what it accepts (case,
 * spelling of durations) so that two files saying the same thing parse to the same value and
 * therefore the same content hash.
 */

/** Lower-case words joined by hyphens: call types, roles, uses, tags, script ids. */
export const idSchema = z
  .string({ error: 'expected an id such as "customer-success" (lower-case words joined by hyphens)' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be lower-case letters and digits joined by hyphens, like "customer-success"' });

/** Text a person reads: trimmed, never empty. */
export const textSchema = z.string({ error: 'expected text' }).trim().min(1, { error: 'must not be empty' });

export const dateSchema = z
  .string({ error: 'expected a date written YYYY-MM-DD (in quotes or plain)' })
  .refine(isCalendarDate, { error: 'must be a real calendar date written YYYY-MM-DD, like 2026-01-31' });

const DURATION_EXPECTED = 'expected a duration with a unit, such as 90d, 12w, 6mo or 1y';

export const durationSchema = z.union([z.string(), z.number()], { error: DURATION_EXPECTED }).transform((text, ctx): Duration => {
  if (typeof text === 'number') {
    ctx.addIssue({ code: 'custom', message: `${text} has no unit: write ${text}d, ${text}w, ${text}mo or ${text}y` });
    return z.NEVER;
  }
  const duration = parseDuration(text);
  if (duration === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a duration: write a whole number of at least 1 and a unit, such as 90d, 12w, 6mo or 1y (or "90 days", "6 months")`,
    });
    return z.NEVER;
  }
  if ((duration.unit === 'year' && duration.amount > 100) || (duration.unit === 'month' && duration.amount > 1200)) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is longer than a century; retention is never "forever"` });
    return z.NEVER;
  }
  return duration;
});

export const emailDomainSchema = z.string({ error: 'expected a domain such as "lawfirm.example"' }).transform((text, ctx) => {
  if (text.trim().startsWith('*.')) {
    ctx.addIssue({ code: 'custom', message: `write "${text.trim().slice(2)}" without "*.": subdomains always match` });
    return z.NEVER;
  }
  if (text.includes('@')) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is an email address: put named people under doNotRecord.contacts` });
    return z.NEVER;
  }
  const domain = normaliseDomain(text);
  if (domain === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a domain name such as "lawfirm.example"` });
    return z.NEVER;
  }
  return domain;
});

export const emailSchema = z.string({ error: 'expected an email address' }).transform((text, ctx) => {
  const email = normaliseEmail(text);
  if (email === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an email address` });
    return z.NEVER;
  }
  return email.address;
});

/** A meeting-title keyword, stored folded so "Privileged" and "privileged" are one entry. */
export const keywordSchema = z.string({ error: 'expected a word or phrase' }).transform((text, ctx) => {
  const folded = foldText(text).replace(/\s+/gu, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(folded)) {
    ctx.addIssue({ code: 'custom', message: 'a title keyword needs at least one letter or digit' });
    return z.NEVER;
  }
  return folded;
});

const REGION_SHAPE = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;
const GROUP_SHAPE = /^[A-Z][A-Z0-9-]{1,15}$/;

/** Country names people write that are not the ISO 3166 code. */
const REGION_ALIASES: Readonly<Record<string, string>> = { UK: 'GB' };

/** A region code in comparable form (upper case, aliases resolved), or undefined. */
export function normaliseRegion(raw: string): string | undefined {
  const upper = raw.trim().toUpperCase().replace(/_/g, '-');
  const region = REGION_ALIASES[upper] ?? upper;
  return REGION_SHAPE.test(region) ? region : undefined;
}

/** An ISO 3166 region: a country ("DE") or a subdivision ("US-CA"). */
export const regionSchema = z.string({ error: 'expected a region code such as "US-CA" or "DE"' }).transform((text, ctx) => {
  const region = normaliseRegion(text);
  if (region === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an ISO 3166 region code such as "DE" or "US-CA"` });
    return z.NEVER;
  }
  return region;
});

/** A region code or the name of a group defined under consent.regionGroups (checked later). */
export const regionOrGroupSchema = z.string({ error: 'expected a region code such as "US-CA" or a group name such as "EU"' }).transform((text, ctx) => {
  const region = normaliseRegion(text);
  if (region !== undefined) {
    return region;
  }
  const group = text.trim().toUpperCase();
  if (GROUP_SHAPE.test(group)) {
    return group;
  }
  ctx.addIssue({ code: 'custom', message: `"${text}" is neither an ISO 3166 region code such as "US-CA" nor a region group name such as "EEA"` });
  return z.NEVER;
});

export const regionGroupNameSchema = z
  .string()
  .regex(GROUP_SHAPE, { error: 'a region group name is upper-case letters, digits and hyphens, like "EEA"' });
