// Loaded on demand (dynamic import) because the dictionaries are large; only the screens that ask
// for a new passphrase pull it in.
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { StrengthEstimator } from './strength-types';
import { zxcvbnEnglish } from './zxcvbn-english';

zxcvbnOptions.setOptions({ graphs: adjacencyGraphs, dictionary: { ...dictionary }, translations: zxcvbnEnglish });

export const estimateStrength: StrengthEstimator = (passphrase, userInputs) => {
  const result = zxcvbn(passphrase, [...userInputs]);
  return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
};
