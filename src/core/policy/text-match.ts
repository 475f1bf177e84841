/**
 * Text normalisation and matching shared by the schema (which stores normalised values, so the
 * content hash does not change with letter case) and the evaluator (which compares a request's
 * emails and meeting title with the do-not-record lists).
 *
 * Matching leans towards blocking: a false match stops a recording the rep can still take notes
 * for; a missed match records a privileged meeting.
 */

const FORMAT_CHARS = /\p{Cf}/gu; // zero-width spaces and joiners could split a keyword invisibly
const COMBINING_MARKS = /\p{M}/gu;
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/**
 * Folds text for keyword comparison: compatibility forms unified (NFKC: full-width letters,
 * ligatures), invisible format characters dropped, accents removed, lower case.
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').replace(FORMAT_CHARS, '').normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().normalize('NFC');
}

/** The words of a text after folding; punctuation and whitespace only separate. */
export function foldedWords(text: string): string[] {
  return foldText(text).split(WORD_SEPARATORS).filter((word) => word !== '');
}

/**
 * Whether `keyword` (one or more words) occurs in `title` at word starts: each keyword word must
 * begin a title word, the words in order and adjacent. So "privileged" matches "Privileged",
 * "PRIVILEGED:" and "privileged & confidential"; "attorney" matches "Attorneys" and
 * "attorney-client"; "confidential" matches "confidentiality"; "offer letter" matches
 * "Offer-Letter review". A keyword inside a word does not match: "privileged" does not match
 * "unprivileged", whose prefix reverses its meaning.
 */
export function titleHasKeyword(title: string, keyword: string): boolean {
  const needle = foldedWords(keyword);
  if (needle.length === 0) {
    return false;
  }
  const words = foldedWords(title);
  for (let start = 0; start + needle.length <= words.length; start += 1) {
    if (needle.every((part, offset) => words[start + offset]?.startsWith(part) === true)) {
      return true;
    }
  }
  return false;
}

const DOMAIN_FORBIDDEN = /[\s/\\@:?#*[\]%]/u;
const ASCII_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A domain in its comparable form (lower case, no trailing dot, internationalised names as
 * punycode so "bücher.example" and "xn--bcher-kva.example" are one domain), or undefined when
 * the text is not a domain name with at least two labels.
 */
export function normaliseDomain(raw: string): string | undefined {
  const trimmed = raw.trim().replace(/\.$/, '');
  if (trimmed === '' || DOMAIN_FORBIDDEN.test(trimmed) || trimmed.length > 253) {
    return undefined;
  }
  let ascii: string;
  try {
    ascii = new URL(`http://${trimmed}`).hostname;
  } catch {
    return undefined;
  }
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => ASCII_LABEL.test(label)) || /^\d+$/.test(labels.at(-1) ?? '')) {
    return undefined;
  }
  return ascii;
}

/** Whether `domain` is `ruleDomain` or one of its subdomains (both already normalised). */
export function domainIsWithin(domain: string, ruleDomain: string): boolean {
  return domain === ruleDomain || domain.endsWith(`.${ruleDomain}`);
}

export interface NormalisedEmail {
  readonly address: string;
  readonly domain: string;
}

/**
 * An email address for comparison: the local part folded to lower case (the app treats
 * addresses case-insensitively, as mail systems do in practice) and the domain normalised.
 * Undefined when it is not an address, so callers can fail closed.
 */
export function normaliseEmail(raw: string): NormalisedEmail | undefined {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) {
    return undefined;
  }
  const local = trimmed.slice(0, at).normalize('NFC').toLowerCase();
  if (/[\s@<>()[\]\\,;:"]/u.test(local) || local.length > 64) {
    return undefined;
  }
  const domain = normaliseDomain(trimmed.slice(at + 1));
  return domain === undefined ? undefined : { address: `${local}@${domain}`, domain };
}
