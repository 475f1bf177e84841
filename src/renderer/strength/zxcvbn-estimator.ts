// Loaded on demand (dynamic import) because the dictionaries are large; only the screens that ask
// for a new passphrase pull it in.
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { LEANS_ON_GUESSABLE, withoutGuessable } from '../../core/vault/guessable-words';
import { MIN_PASSPHRASE_SCORE, type StrengthEstimate, type StrengthEstimator } from './strength-types';
import { zxcvbnEnglish } from './zxcvbn-english';

zxcvbnOptions.setOptions({ graphs: adjacencyGraphs, dictionary: { ...dictionary }, translations: zxcvbnEnglish });

export const estimateStrength: StrengthEstimator = (passphrase, userInputs) => {
  const result = zxcvbn(passphrase, [...userInputs]);
  // The vault service's rule (judgePassphrase): what is left without the rep's name, organisation
  // and the year must clear the bar on its own.
  const rest = zxcvbn(withoutGuessable(passphrase, userInputs));
  if (rest.score < MIN_PASSPHRASE_SCORE && result.score >= MIN_PASSPHRASE_SCORE) {
    return { score: Math.min(result.score, rest.score, MIN_PASSPHRASE_SCORE - 1) as StrengthEstimate['score'], warning: LEANS_ON_GUESSABLE, suggestions: [] };
  }
  return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
};
