/**
 * A call summary as CallVault keeps it: items in fixed sections, each citing the transcript
 * segments (by index in one transcript version) it rests on. The same shape comes from the
 * extractive drafter and from a language model; only items that pass the citation check
 * (`citation-check.ts`) are ever stored or shown.
 */
import { z } from 'zod';

export const SUMMARY_SECTIONS = ['overview', 'needs', 'objections', 'nextSteps', 'commitments', 'risks', 'competitors', 'questions'] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

export const CERTAINTIES = ['firm', 'hedged', 'conditional'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

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

export const SummaryItem = z.strictObject({
  /** Stable within one summary version ("i1", "i2", ...); review decisions name items by it. */
  id: z.string().regex(/^i\d{1,4}$/),
  section: z.enum(SUMMARY_SECTIONS),
  text: z.string().min(1).max(2000),
  /** Segment indexes of the transcript version the summary was drafted from. */
  citations: z.array(z.number().int().nonnegative()).min(1).max(20),
  /** Whose action a next step or commitment is. */
  owner: z.enum(['rep', 'customer']).nullable(),
  /** A due date as it was said ("Friday", "end of the month"); null when none was said. */
  due: z.string().max(80).nullable(),
  /** Commitments only: how sure the cited words are. */
  certainty: z.enum(CERTAINTIES).nullable(),
});
export type SummaryItem = z.output<typeof SummaryItem>;

export const DRAFTERS = ['extractive', 'model'] as const;
export type Drafter = (typeof DRAFTERS)[number];

export const SummaryContent = z.strictObject({
  drafter: z.enum(DRAFTERS),
  /** The model's name when a model drafted it. */
  model: z.string().max(200).nullable(),
  items: z.array(SummaryItem).max(500),
});
export type SummaryContent = z.output<typeof SummaryContent>;

/** One segment of the redacted transcript a drafter reads (never the unredacted text). */
export interface SummarySegment {
  readonly index: number;
  readonly speaker: 'rep' | 'customer';
  readonly startMs: number;
  readonly text: string;
}

/** An item as a drafter proposes it, before ids are given and the citation check runs. */
export type ProposedItem = Omit<SummaryItem, 'id'>;
