import { z } from 'zod';
import { searchTerms } from '../search/search-text';

/**
 * Matching a customer's identifiers against what a vault stores, written or spoken. Pure: the
 * app reads the texts (every transcript version, notes, tags, summaries, call details) and asks.
 *
 * Everything goes through search's normalisation (`searchTerms`), so the forms search already
 * treats as one also match here: case and accents fold ("JANE DOE" is "Jane Doe"), numbers are
 * digit terms whichever way they were said ("five five five one two three four", "555-1234",
 * "double five five ..."). Emails are matched as their word parts in order, with the spoken
 * separators ("dot", "at", "underscore", "dash" ...) and written punctuation both ignored, so
 * "jane dot doe at acme dot com", "Jane.Doe@ACME.com" and "jane doe at acme com" all match
 * jane.doe@acme.com. Phones match by their national digits (the last ten when a country code is
 * given). Over-matching is safer than missing here: the rep sees every hit before anything goes.
 *
 * A hit names the identifier's kind and index, never its text: reports and certificates say
 * "email #1 in transcript v2", not the address.
 */

const MAX_IDENTIFIERS = 50;
const Text = z.string().trim().min(1).max(320);

export const CustomerIdentifiersSchema = z
  .strictObject({
    emails: z.array(Text.pipe(z.email())).max(MAX_IDENTIFIERS).default([]),
    names: z.array(Text).max(MAX_IDENTIFIERS).default([]),
    phones: z.array(Text.refine((p) => /^[+()\d\s.\-/]+$/u.test(p) && p.replace(/\D/gu, '').length >= 7, 'a phone number has at least 7 digits and nothing but digits, spaces, + ( ) . - /')).max(MAX_IDENTIFIERS).default([]),
    accounts: z.array(Text).max(MAX_IDENTIFIERS).default([]),
  })
  .refine((ids) => ids.emails.length + ids.names.length + ids.phones.length + ids.accounts.length > 0, 'name at least one email, name, phone or account');
export type CustomerIdentifiers = z.output<typeof CustomerIdentifiersSchema>;

export const IDENTIFIER_KINDS = ['email', 'name', 'phone', 'account'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Which identifier matched: its kind and its 1-based position in the request. */
export interface IdentifierRef {
  readonly kind: IdentifierKind;
  readonly index: number;
}

export function refLabel(ref: IdentifierRef): string {
  return `${ref.kind} #${ref.index}`;
}

/** Spoken or written separators inside an email address, dropped on both sides before matching. */
const EMAIL_SEPARATORS = new Set(['dot', 'at', 'period', 'point', 'underscore', 'dash', 'hyphen', 'minus', 'plus', 'sign']);

interface Pattern {
  readonly ref: IdentifierRef;
  /** Alternatives, each a space-joined term sequence framed by spaces, matched as a whole-term run. */
  readonly forms: readonly string[];
  /** Matched against the text with email separators removed. */
  readonly separatorFree: boolean;
}

const framed = (terms: readonly string[]): string => ` ${terms.join(' ')} `;
const termsOf = (text: string): string[] => searchTerms(text).map((t) => t.term);

function emailForms(email: string): string[] {
  const terms = termsOf(email.toLowerCase().replace(/[@._+-]/gu, ' ')).filter((t) => !EMAIL_SEPARATORS.has(t));
  return terms.length === 0 ? [] : [framed(terms)];
}

function nameForms(name: string): string[] {
  const terms = termsOf(name);
  if (terms.length === 0) {
    return [];
  }
  const forms = [framed(terms)];
  if (terms.length >= 2) {
    // "Doe, Jane" as well as "Jane Doe".
    forms.push(framed([terms[terms.length - 1] as string, ...terms.slice(0, -1)]));
  }
  return forms;
}

function phoneForms(phone: string): string[] {
  const digits = phone.replace(/\D/gu, '');
  const forms = new Set([digits]);
  if (digits.length > 10) {
    forms.add(digits.slice(-10));
  }
  return [...forms].map((d) => framed(Array.from(d.matchAll(/\d/gu), (m) => m[0])));
}

export interface ParticipantLike {
  readonly name: string;
  readonly email: string;
}

export class CustomerMatcher {
  private readonly patterns: readonly Pattern[];
  private readonly emails: readonly { ref: IdentifierRef; address: string }[];

  constructor(readonly identifiers: CustomerIdentifiers) {
    const patterns: Pattern[] = [];
    identifiers.emails.forEach((email, i) => patterns.push({ ref: { kind: 'email', index: i + 1 }, forms: emailForms(email), separatorFree: true }));
    identifiers.names.forEach((name, i) => patterns.push({ ref: { kind: 'name', index: i + 1 }, forms: nameForms(name), separatorFree: false }));
    identifiers.phones.forEach((phone, i) => patterns.push({ ref: { kind: 'phone', index: i + 1 }, forms: phoneForms(phone), separatorFree: false }));
    identifiers.accounts.forEach((account, i) => patterns.push({ ref: { kind: 'account', index: i + 1 }, forms: nameForms(account).slice(0, 1), separatorFree: false }));
    this.patterns = patterns.filter((p) => p.forms.length > 0);
    this.emails = identifiers.emails.map((address, i) => ({ ref: { kind: 'email', index: i + 1 }, address: address.toLowerCase() }));
  }

  /**
   * The identifiers a free text (a transcript segment, notes, a tag, a summary) mentions, written
   * or spoken. Accounts are not looked for in free text (a company name is said in many calls that
   * are not about this customer): only in a call's account field (`account`).
   */
  mentions(text: string): IdentifierRef[] {
    return this.scan(text, false);
  }

  private scan(text: string, accounts: boolean): IdentifierRef[] {
    if (text.trim() === '') {
      return [];
    }
    const terms = termsOf(text);
    const plain = framed(terms);
    let separatorFree: string | undefined;
    const hits: IdentifierRef[] = [];
    for (const pattern of this.patterns) {
      if ((pattern.ref.kind === 'account') !== accounts) {
        continue;
      }
      let haystack = plain;
      if (pattern.separatorFree) {
        separatorFree ??= framed(terms.filter((t) => !EMAIL_SEPARATORS.has(t)));
        haystack = separatorFree;
      }
      if (pattern.forms.some((form) => haystack.includes(form))) {
        hits.push(pattern.ref);
      }
    }
    return hits;
  }

  /** Whether a call participant (or a consent record's party) is the customer: by email exactly, or by name. */
  participant(p: ParticipantLike): IdentifierRef[] {
    const hits = this.emails.filter((e) => e.address === p.email.trim().toLowerCase()).map((e) => e.ref);
    for (const ref of this.mentions(p.name)) {
      if (ref.kind === 'name' && !hits.some((h) => h.kind === ref.kind && h.index === ref.index)) {
        hits.push(ref);
      }
    }
    return hits;
  }

  /** Whether a call's account field names one of the customer's accounts (whole terms, any case). */
  account(account: string): IdentifierRef[] {
    return this.scan(account, true);
  }
}

/** Several texts' hits, each identifier once. */
export function mergeRefs(lists: Iterable<readonly IdentifierRef[]>): IdentifierRef[] {
  const seen = new Map<string, IdentifierRef>();
  for (const list of lists) {
    for (const ref of list) {
      seen.set(refLabel(ref), ref);
    }
  }
  return [...seen.values()].sort((a, b) => IDENTIFIER_KINDS.indexOf(a.kind) - IDENTIFIER_KINDS.indexOf(b.kind) || a.index - b.index);
}
