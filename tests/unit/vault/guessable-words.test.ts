import { describe, expect, it } from 'vitest';
import { guessableWords, withoutGuessable } from '../../../src/core/vault/guessable-words';
import { judgePassphrase } from '../../../src/core/vault/passphrase-strength';

const rita = guessableWords({ name: 'Rita Reppington', organisation: 'Northwind Traders', year: 2026 });

describe('guessable words', () => {
  it('lists the name and organisation whole, in parts and run together, the years around now and the app', () => {
    expect(rita).toEqual(expect.arrayContaining(['rita', 'reppington', 'ritareppington', 'rita reppington', 'northwind', 'traders', 'northwindtraders', '2025', '2026', '2027', 'callvault']));
  });

  it('takes the guessable words out of a passphrase, longest first and in any case', () => {
    expect(withoutGuessable('RitaReppington2026!', rita).replace(/\s+/g, '')).toBe('!');
    expect(withoutGuessable('orbit cactus lantern', rita)).toBe('orbit cactus lantern');
  });

  it('refuses passphrases built from the rep’s name, company and the year that zxcvbn alone rates very strong', () => {
    for (const passphrase of ['Reppington Northwind 2026', 'RitaReppington2026!', 'reppington-northwind-2026']) {
      expect(judgePassphrase(passphrase)).toMatchObject({ acceptable: true, score: 4 });
      expect(judgePassphrase(passphrase, rita)).toMatchObject({ acceptable: false, problem: expect.stringMatching(/your name, your organisation or the year/) as unknown });
    }
  });

  it('still accepts unrelated words beside the name', () => {
    expect(judgePassphrase('Rita granite ocelot lantern mosaic', rita)).toMatchObject({ acceptable: true });
  });
});
