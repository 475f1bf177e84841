/** zxcvbn's 0–4 guessability score with its advice, translated to English. */
export type StrengthEstimate = {
  score: 0 | 1 | 2 | 3 | 4;
  warning: string | null;
  suggestions: readonly string[];
};

export type StrengthEstimator = (passphrase: string, userInputs: readonly string[]) => StrengthEstimate;

/** The bar a new passphrase must clear before we send it; the vault service checks again. */
export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_PASSPHRASE_SCORE = 3;

export function meetsPolicy(passphrase: string, estimate: StrengthEstimate | null): boolean {
  return passphrase.length >= MIN_PASSPHRASE_LENGTH && estimate !== null && estimate.score >= MIN_PASSPHRASE_SCORE;
}
