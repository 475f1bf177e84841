/**
 * What a language model is asked and how its answers are put together: the redacted segments in
 * chunks that fit the model's context (numbered as the transcript numbers them, so citations stay
 * true across chunks), one prompt per chunk, the JSON schema its output is held to at generation
 * time, and the merge of the chunks' items (duplicates removed, each section capped).
 */
import { z } from 'zod';
import { CERTAINTIES, SUMMARY_SECTIONS, type ProposedItem, type SummarySegment } from './summary';

/**
 * The schema the model's output is constrained to (node-llama-cpp turns it into a grammar). Every
 * string and list is bounded, so an answer always ends within DRAFT_MAX_TOKENS even when each
 * token is one character: the grammar cannot be cut off mid-object by the token limit.
 */
export const DRAFT_SCHEMA = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        properties: {
          section: { enum: [...SUMMARY_SECTIONS] },
          text: { type: 'string', minLength: 1, maxLength: 160 },
          citations: { type: 'array', minItems: 1, maxItems: 4, items: { type: 'integer' } as { type: 'integer' } | { enum: number[] } },
          owner: { enum: ['rep', 'customer', null] },
          due: { oneOf: [{ type: 'string', maxLength: 40 }, { type: 'null' }] },
          certainty: { enum: [...CERTAINTIES, null] },
        },
      },
    },
  },
} as const;

/**
 * The schema for one chunk: citations may only be the numbers of the chunk's own segments, so the
 * grammar cannot even write a citation of a line the model was not shown (or an endless number).
 */
export function chunkSchema(chunk: readonly Pick<SummarySegment, 'index'>[]): typeof DRAFT_SCHEMA {
  const items = DRAFT_SCHEMA.properties.items;
  return {
    ...DRAFT_SCHEMA,
    properties: { items: { ...items, items: { ...items.items, properties: { ...items.items.properties, citations: { ...items.items.properties.citations, items: { enum: chunk.map((s) => s.index) } } } } } },
  };
}

/** Enough tokens for the longest answer DRAFT_SCHEMA allows, one character a token. */
export const DRAFT_MAX_TOKENS = 4096;

const ModelOutput = z.object({
  items: z.array(
    z.object({
      section: z.enum(SUMMARY_SECTIONS),
      text: z.string().min(1).max(2000),
      citations: z.array(z.number().int()).min(1).max(20),
      owner: z.enum(['rep', 'customer']).nullable(),
      due: z.string().max(80).nullable(),
      certainty: z.enum(CERTAINTIES).nullable(),
    }),
  ),
});

/** Parses one chunk's output; anything that does not fit the schema is an error, not a guess. */
export function parseModelOutput(text: string): ProposedItem[] {
  return ModelOutput.parse(JSON.parse(text)).items.map((i) => ({ ...i, text: i.text.trim(), citations: i.citations.filter((c) => c >= 0) }));
}

/** Splits the call into chunks of at most `maxChars` characters of transcript (a segment is never split). */
export function chunkSegments(segments: readonly SummarySegment[], maxChars: number): SummarySegment[][] {
  const chunks: SummarySegment[][] = [];
  let current: SummarySegment[] = [];
  let size = 0;
  for (const segment of segments) {
    const length = segment.text.length + 16;
    if (current.length > 0 && size + length > maxChars) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(segment);
    size += length;
  }
  if (current.length > 0) {
    chunks.push(current);
  }
  return chunks;
}

export function chunkPrompt(chunk: readonly SummarySegment[], part: number, parts: number): string {
  const lines = chunk.map((s) => `[${s.index}] ${s.speaker === 'rep' ? 'Rep' : 'Customer'}: ${s.text}`);
  return [
    'You summarise part of a recorded sales call for the sales rep. Use only what the lines say.',
    'Sections: overview, needs (customer needs), objections, nextSteps (owner, due date only when said), commitments (certainty: firm, hedged or conditional, as said), risks, competitors (names mentioned), questions (left open).',
    'Every item cites the numbers in brackets of the lines it rests on. Values such as [CARD] are redacted: never guess them.',
    `Part ${part} of ${parts} of the call:`,
    ...lines,
    'Answer with JSON only.',
  ].join('\n');
}

/** The chunks' items as one list: the same section and words once (citations joined), at most `perSection` each. */
export function mergeChunkItems(chunks: readonly (readonly ProposedItem[])[], perSection = 12): ProposedItem[] {
  const byKey = new Map<string, ProposedItem>();
  for (const item of chunks.flat()) {
    const key = `${item.section}:${item.text.toLowerCase().replace(/\W+/g, ' ').trim()}`;
    const seen = byKey.get(key);
    byKey.set(key, seen === undefined ? item : { ...seen, citations: [...new Set([...seen.citations, ...item.citations])].slice(0, 20) });
  }
  const counts = new Map<string, number>();
  return [...byKey.values()].filter((item) => {
    const n = (counts.get(item.section) ?? 0) + 1;
    counts.set(item.section, n);
    return n <= perSection;
  });
}
