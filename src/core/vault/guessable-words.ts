/**
 * Words an attacker who knows the rep tries first: the app's name, the rep's name (whole, in
 * parts and run together), their organisation where it is known, and the years around now. The
 * strength meter and the vault service hand the same list to zxcvbn, so a passphrase built from
 * them scores as guessable on screen and is refused by the service alike.
 */
export interface GuessableFacts {
  readonly name?: string | undefined;
  readonly organisation?: string | undefined;
  /** The current year; the one before and after count too (a passphrase made at New Year). */
  readonly year: number;
}

function variants(text: string | undefined): string[] {
  const words = (text ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
  if (words.length === 0) {
    return [];
  }
  return [...words, words.join(''), words.join(' ')];
}

export function guessableWords(facts: GuessableFacts): string[] {
  const years = [facts.year - 1, facts.year, facts.year + 1].map(String);
  return [...new Set(['callvault', 'call vault', ...variants(facts.name), ...variants(facts.organisation), ...years])];
}

/**
 * The passphrase with every guessable word taken out (longest first, any case). zxcvbn's own
 * matching still rates "Reppington Northwind 2026" very strong when those are the rep's name,
 * company and year; what is left once they are removed is what an attacker must really guess.
 */
export function withoutGuessable(passphrase: string, guessable: readonly string[]): string {
  let rest = passphrase.toLowerCase();
  for (const word of [...guessable].filter((w) => w.length >= 3).sort((a, b) => b.length - a.length)) {
    rest = rest.split(word.toLowerCase()).join(' ');
  }
  return rest;
}

export const LEANS_ON_GUESSABLE = 'It leans on your name, your organisation or the year, which are tried first: add words that have nothing to do with you.';
