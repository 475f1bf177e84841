import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { LEANS_ON_GUESSABLE, withoutGuessable } from './guessable-words';

zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_PASSPHRASE_SCORE = 3;

export interface PassphraseVerdict {
  readonly acceptable: boolean;
  /** 0 (guessable) to 4 (very strong), zxcvbn's scale. */
  readonly score: number;
  readonly problem: string | undefined;
}

/**
 * The same rule guards the UI's Create button, the CLI and the vault service. `guessable`: words
 * that count as known to an attacker (guessableWords: the rep's name, the year, ...).
 */
export function judgePassphrase(passphrase: string, guessable: readonly string[] = []): PassphraseVerdict {
  const result = zxcvbn(passphrase.slice(0, 256), [...guessable]);
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return { acceptable: false, score: result.score, problem: `Use at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.` };
  }
  if (guessable.length > 0 && zxcvbn(withoutGuessable(passphrase.slice(0, 256), guessable)).score < MIN_PASSPHRASE_SCORE) {
    return { acceptable: false, score: Math.min(result.score, MIN_PASSPHRASE_SCORE - 1), problem: `That passphrase is too easy to guess. ${LEANS_ON_GUESSABLE}` };
  }
  if (result.score < MIN_PASSPHRASE_SCORE) {
    const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? 'Add another uncommon word.';
    return { acceptable: false, score: result.score, problem: `That passphrase is too easy to guess. ${hint}` };
  }
  return { acceptable: true, score: result.score, problem: undefined };
}
