import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_PASSPHRASE_SCORE = 3;

export interface PassphraseVerdict {
  readonly acceptable: boolean;
  /** 0 (guessable) to 4 (very strong), zxcvbn's scale. */
  readonly score: number;
  readonly problem: string | undefined;
}

/** The same rule guards the UI's Create button, the CLI and the vault service. */
export function judgePassphrase(passphrase: string): PassphraseVerdict {
  const result = zxcvbn(passphrase.slice(0, 256));
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return { acceptable: false, score: result.score, problem: `Use at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.` };
  }
  if (result.score < MIN_PASSPHRASE_SCORE) {
    const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? 'Add another uncommon word.';
    return { acceptable: false, score: result.score, problem: `That passphrase is too easy to guess. ${hint}` };
  }
  return { acceptable: true, score: result.score, problem: undefined };
}
