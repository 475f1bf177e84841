/**
 * The drafter that needs no model: it picks the transcript's own sentences by rules (questions
 * left open, objections, next steps with owner and due date when said, commitments with their
 * certainty, competitors named, needs and risks) and cites the segment each came from. Its items
 * pass the same citation check as a model's. It reads only the redacted segments it is given.
 */
import { classifyCertainty } from './certainty';
import { checkCitations, type CheckedItems } from './citation-check';
import { splitSentences } from './sentences';
import type { ProposedItem, SummarySection, SummarySegment } from './summary';

/** Products a sales call may name; a capitalised name after "tried", "using", "versus" is taken too. */
export const KNOWN_COMPETITORS = ['Gong', 'Chorus', 'Otter', 'Fireflies', 'Clari', 'Outreach', 'Salesloft', 'Avoma', 'Fathom', 'Grain', 'Jiminny', 'Wingman', 'Revenue.io', 'ExecVision', 'Zoom IQ', 'Copilot', 'Dialpad', 'Aircall'];

const QUESTION_START = /^(?:what|how|when|where|who|which|why|can|could|would|will|do|does|did|is|are|have|has|should)\b/i;
const OBJECTION = /\b(?:too (?:expensive|high|much|long|complicated|slow)|price|pricing|cost|budget|concern(?:ed|s)?|worr(?:y|ied)|hesitant|not convinced|problem|issue|risk|doesn't work|don't see|can't justify|no way|push ?back|deal[- ]?breaker|downside)\b/i;
const NEXT_STEP = /\b(?:next step|follow[- ]up|(?:i|we)(?:'ll| will| can| could) (?:send|share|schedule|set up|book|loop in|get back|follow|draft|prepare|introduce|check|review|run|circle back)|send (?:over|you|it)|set up a|schedule a|book a|let's (?:meet|schedule|set|plan|book|talk|reconvene)|circle back|get back to you|loop in)\b/i;
const COMMITMENT = /\b(?:(?:i|we)(?:'ll| will| can| could| would| might| may| should)|(?:we're|we are|i'm|i am) (?:going to|happy to|ready to|able to|committed)|commit|agree[ds]?|sign(?:ed)?|approve[ds]?|go ahead|move forward|that (?:works|would work|might work|could work)|deal|yes,? we)\b/i;
const NEED = /\b(?:we need|we're looking for|we are looking for|we want|our goal|we have to|the problem is|we struggle|our (?:main )?(?:challenge|pain)|it would help|must have|requirement)\b/i;
const RISK = /\b(?:budget freeze|freeze|re-?org|layoffs?|not a priority|delay(?:ed)?|slip|legal review|security review|procurement|board|decision maker|champion (?:left|leaving)|competing priorities|timeline)\b/i;
const DUE = /\b(?:by |before |on |next |this |until )?(?:(?:end of (?:the )?(?:day|week|month|quarter))|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|next week|next month|this week|this month|(?:q[1-4])|(?:january|february|march|april|june|july|august|september|october|november|december)(?: \d{1,2})?)\b/i;
const OWNER_SELF = /\b(?:i|we)(?:'ll| will| can| could| would| might| may| should| am going to| are going to|'m going to|'re going to)\b/i;
const OWNER_OTHER = /\b(?:you|your team)(?:'ll| will| can| could| would| should)\b|\bcan you\b|\bcould you\b/i;

/** At most this many items per section, so a long call's draft stays readable. */
export const MAX_PER_SECTION = 12;

/** The extractive draft, citation-checked. */
export function draftExtractive(segments: readonly SummarySegment[]): CheckedItems {
  return checkCitations(proposeExtractive(segments), segments);
}

/** The items the rules propose, before the citation check. */
export function proposeExtractive(segments: readonly SummarySegment[]): ProposedItem[] {
  const proposed: ProposedItem[] = [];
  const counts = new Map<SummarySection, number>();
  const add = (item: ProposedItem) => {
    const n = counts.get(item.section) ?? 0;
    if (n < MAX_PER_SECTION) {
      counts.set(item.section, n + 1);
      proposed.push(item);
    }
  };
  const competitors = new Map<string, number[]>();
  const answered = answeredQuestions(segments);

  for (const segment of segments) {
    for (const sentence of splitSentences(segment.text)) {
      const base = { citations: [segment.index], owner: null, due: null, certainty: null };
      for (const name of competitorsIn(sentence)) {
        competitors.set(name, [...(competitors.get(name) ?? []), segment.index]);
      }
      if (sentence.endsWith('?') && segment.speaker === 'customer' && QUESTION_START.test(sentence) && !answered.has(segment.index)) {
        add({ ...base, section: 'questions', text: sentence });
        continue;
      }
      if (NEXT_STEP.test(sentence) && !sentence.endsWith('?')) {
        add({ ...base, section: 'nextSteps', text: sentence, owner: ownerOf(sentence, segment.speaker), due: dueIn(sentence) });
        continue;
      }
      if (segment.speaker === 'customer' && OBJECTION.test(sentence) && !sentence.endsWith('?')) {
        add({ ...base, section: 'objections', text: sentence });
        continue;
      }
      if (COMMITMENT.test(sentence) && !sentence.endsWith('?')) {
        add({ ...base, section: 'commitments', text: sentence, owner: ownerOf(sentence, segment.speaker), due: dueIn(sentence), certainty: classifyCertainty(sentence) });
        continue;
      }
      if (segment.speaker === 'customer' && NEED.test(sentence)) {
        add({ ...base, section: 'needs', text: sentence });
        continue;
      }
      if (RISK.test(sentence) && segment.speaker === 'customer') {
        add({ ...base, section: 'risks', text: sentence });
      }
    }
  }
  for (const [name, cited] of competitors) {
    add({ section: 'competitors', text: name, citations: [...new Set(cited)].slice(0, 5), owner: null, due: null, certainty: null });
  }
  return proposed;
}

/** A customer's question the rep answered in the next turn is not left open. */
function answeredQuestions(segments: readonly SummarySegment[]): Set<number> {
  const answered = new Set<number>();
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    if (segment.speaker === 'customer' && next?.speaker === 'rep' && /^(?:yes|no|yeah|sure|absolutely|it|we|that|our|the)\b/i.test(next.text.trim()) && !/\b(?:get back|check|find out|not sure)\b/i.test(next.text)) {
      answered.add(segment.index);
    }
  });
  return answered;
}

export function competitorsIn(sentence: string): string[] {
  const found = new Set<string>();
  for (const name of KNOWN_COMPETITORS) {
    if (new RegExp(`\\b${name.replace(/[.]/g, '\\.')}\\b`).test(sentence)) {
      found.add(name);
    }
  }
  for (const match of sentence.matchAll(/\b(?:tried|trialled|using|use|switched from|versus|vs\.?|compared to|instead of|evaluating)\s+([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)/g)) {
    const name = match[1];
    if (name !== undefined && !/^(?:The|A|An|It|This|That|Our|Your|We|I|Excel|Email|Slack)$/.test(name.split(' ')[0] ?? '')) {
      found.add(name);
    }
  }
  return [...found];
}

function ownerOf(sentence: string, speaker: 'rep' | 'customer'): 'rep' | 'customer' | null {
  const other = speaker === 'rep' ? 'customer' : 'rep';
  if (OWNER_SELF.test(sentence)) {
    return speaker;
  }
  if (OWNER_OTHER.test(sentence)) {
    return other;
  }
  return null;
}

function dueIn(sentence: string): string | null {
  const match = DUE.exec(sentence);
  return match ? match[0].trim() : null;
}
