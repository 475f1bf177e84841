import type { StoredSegment } from '../../src/core/transcription/transcript';
import { timedSegment } from './timed-segment';

export const CARD_WORDS = 'four one one one one one one one one one one one one one one one';

/** A short sales call with a card number said aloud (redacted before any drafter reads it). */
export const SALES_CALL: readonly StoredSegment[] = [
  timedSegment('rep', 0, 4_000, 'Thanks for joining, shall we look at the rollout plan?'),
  timedSegment('customer', 4_500, 11_000, 'We need call recording that our compliance team can audit. We tried Gong last year but the price was too high.'),
  timedSegment('customer', 11_500, 15_000, 'How does the retention policy work for deleted calls?'),
  timedSegment('rep', 15_500, 21_000, "Good question, I'll get back to you on that. I'll send the revised quote by Friday."),
  timedSegment('customer', 21_500, 28_000, `That might work if procurement is comfortable. For the deposit my card is ${CARD_WORDS}.`),
  timedSegment('customer', 28_500, 33_000, 'We could probably add the support team later.'),
];
