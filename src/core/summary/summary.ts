/**
 * A call summary as CallVault keeps it: items in fixed sections, each citing the transcript
 * segments (by index in one transcript version) it rests on. The same shape comes from the
 * extractive drafter and from a language model; only items that pass the citation check
 * (`citation-check.ts`) are ever stored or shown. The schemas are the contract's.
 */
import type { z } from 'zod';
import { CERTAINTIES, DRAFTERS, SUMMARY_SECTIONS, SummaryContent, SummaryItem } from '../../shared/contract/summary';

export { CERTAINTIES, DRAFTERS, SUMMARY_SECTIONS, SummaryContent, SummaryItem };
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];
export type Certainty = (typeof CERTAINTIES)[number];
export type Drafter = (typeof DRAFTERS)[number];
export type SummaryItem = z.output<typeof SummaryItem>;
export type SummaryContent = z.output<typeof SummaryContent>;

export const SECTION_TITLES: Readonly<Record<SummarySection, string>> = {
  overview: 'Overview',
  needs: 'Customer needs',
  objections: 'Objections',
  nextSteps: 'Next steps',
  commitments: 'Commitments',
  risks: 'Risks',
  competitors: 'Competitors mentioned',
  questions: 'Open questions',
};

/** One segment of the redacted transcript a drafter reads (never the unredacted text). */
export interface SummarySegment {
  readonly index: number;
  readonly speaker: 'rep' | 'customer';
  readonly startMs: number;
  readonly text: string;
}

/** An item as a drafter proposes it, before ids are given and the citation check runs. */
export type ProposedItem = Omit<SummaryItem, 'id'>;
