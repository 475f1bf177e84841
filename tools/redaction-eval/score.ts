/**
 * Scores a predictor on evaluation records: span recall (typed, and any type), precision,
 * false-positive rate on negative lines, per type and per form; topic recall per topic and the
 * topic false-positive rate (a negative line flagged with any topic).
 */
import type { EvalRecord } from './load';

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly type: string | undefined;
}

export interface Prediction {
  readonly spans: readonly Span[];
  /** undefined for predictors that do not flag topics (the baselines). */
  readonly topics: readonly string[] | undefined;
}

export type Predictor = (record: EvalRecord) => Prediction;

export interface Rate {
  found: number;
  total: number;
  recall: number;
}

export interface FormScore {
  recall: number;
  precision: number;
  fpRate: number;
  lines: number;
}

export interface Scores {
  readonly recall: number;
  readonly recallAnyType: number;
  readonly precision: number;
  readonly fpRate: number;
  readonly perType: Record<string, Rate & { precision: number }>;
  readonly perForm: Record<string, FormScore>;
  readonly missed: string[];
  readonly falsePositives: string[];
}

export function goldSpans(record: EvalRecord): Span[] {
  return record.spans.map((span) => {
    let start = record.text.indexOf(span.text);
    for (let n = 1; n < (span.occurrence ?? 1) && start >= 0; n += 1) {
      start = record.text.indexOf(span.text, start + 1);
    }
    if (start < 0) {
      throw new Error(`${record.id}: gold span "${span.text}" not in text`);
    }
    return { start, end: start + span.text.length, type: span.type };
  });
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
export const round = (value: number): number => Math.round(value * 10000) / 10000;
const ratio = (a: number, b: number, empty: number): number => (b === 0 ? empty : round(a / b));

interface Tally {
  gold: number;
  found: number;
  predicted: number;
  correct: number;
  negatives: number;
  negativesHit: number;
}
const tally = (): Tally => ({ gold: 0, found: 0, predicted: 0, correct: 0, negatives: 0, negativesHit: 0 });

/** Scores spans; `typed` false ignores types (for baselines that have none). */
export function score(records: readonly EvalRecord[], predict: Predictor, typed: boolean): Scores {
  const all = tally();
  let foundAny = 0;
  const types: Record<string, Tally> = {};
  const forms: Record<string, Tally> = {};
  const missed: string[] = [];
  const falsePositives: string[] = [];
  for (const record of records) {
    const golds = goldSpans(record);
    const preds = predict(record).spans;
    const form = (forms[record.form] ??= tally());
    const sameType = (p: Span, g: Span): boolean => !typed || p.type === g.type;
    for (const p of preds) {
      const ok = golds.some((g) => overlaps(p, g) && sameType(p, g));
      for (const t of [all, form, (types[p.type ?? '?'] ??= tally())]) {
        t.predicted += 1;
        t.correct += ok ? 1 : 0;
      }
    }
    if (record.negative) {
      all.negatives += 1;
      form.negatives += 1;
      if (preds.length > 0) {
        all.negativesHit += 1;
        form.negativesHit += 1;
        falsePositives.push(`${record.id}: ${preds.map((p) => `${p.type ?? '?'}[${record.text.slice(p.start, p.end)}]`).join(' ')} | ${record.text}`);
      }
    }
    for (const g of golds) {
      const hit = preds.some((p) => overlaps(p, g) && sameType(p, g));
      foundAny += preds.some((p) => overlaps(p, g)) ? 1 : 0;
      for (const t of [all, form, (types[g.type ?? '?'] ??= tally())]) {
        t.gold += 1;
        t.found += hit ? 1 : 0;
      }
      if (!hit) {
        missed.push(`${record.id} ${g.type ?? '?'}[${record.text.slice(g.start, g.end)}] | ${record.text}`);
      }
    }
  }
  const perType = Object.fromEntries(
    Object.entries(types)
      .filter(([, t]) => t.gold > 0)
      .map(([k, t]) => [k, { found: t.found, total: t.gold, recall: ratio(t.found, t.gold, 1), precision: ratio(t.correct, t.predicted, 1) }]),
  );
  const perForm = Object.fromEntries(
    Object.entries(forms).map(([k, t]) => [k, { recall: ratio(t.found, t.gold, 1), precision: ratio(t.correct, t.predicted, 1), fpRate: ratio(t.negativesHit, t.negatives, 0), lines: records.filter((r) => r.form === k).length }]),
  );
  return {
    recall: ratio(all.found, all.gold, 1),
    recallAnyType: ratio(foundAny, all.gold, 1),
    precision: ratio(all.correct, all.predicted, 1),
    fpRate: ratio(all.negativesHit, all.negatives, 0),
    perType,
    perForm,
    missed,
    falsePositives,
  };
}

export interface TopicScores {
  readonly perTopic: Record<string, Rate>;
  readonly recall: number;
  /** Share of negative and topic-negative lines flagged with any topic. */
  readonly fpRate: number;
  /** Per topic: share of lines without that gold topic flagged with it. */
  readonly fpPerTopic: Record<string, number>;
  readonly missed: string[];
  readonly falsePositives: string[];
}

/** Scores topic flags on the records that carry gold topics. */
export function scoreTopics(records: readonly EvalRecord[], predict: Predictor): TopicScores {
  const perTopic: Record<string, Rate> = {};
  const wrong: Record<string, number> = {};
  const lines = records.filter((r) => r.topics !== undefined);
  let negatives = 0;
  let negativesHit = 0;
  const missed: string[] = [];
  const falsePositives: string[] = [];
  for (const record of lines) {
    const gold = record.topics ?? [];
    const flagged = predict(record).topics ?? [];
    for (const topic of gold) {
      const rate = (perTopic[topic] ??= { found: 0, total: 0, recall: 0 });
      rate.total += 1;
      if (flagged.includes(topic)) {
        rate.found += 1;
      } else {
        missed.push(`${record.id} ${topic} | ${record.text.replace(/\n/gu, ' / ')}`);
      }
    }
    for (const topic of flagged.filter((t) => !gold.includes(t))) {
      wrong[topic] = (wrong[topic] ?? 0) + 1;
      falsePositives.push(`${record.id} ${topic} | ${record.text.replace(/\n/gu, ' / ')}`);
    }
    if (record.form === 'negative' || record.form === 'topic-negative') {
      negatives += 1;
      negativesHit += flagged.length > 0 ? 1 : 0;
    }
  }
  let found = 0;
  let total = 0;
  for (const rate of Object.values(perTopic)) {
    rate.recall = ratio(rate.found, rate.total, 1);
    found += rate.found;
    total += rate.total;
  }
  const fpPerTopic = Object.fromEntries(Object.keys({ ...perTopic, ...wrong }).map((t) => [t, ratio(wrong[t] ?? 0, lines.filter((r) => !(r.topics ?? []).includes(t)).length, 0)]));
  return { perTopic, recall: ratio(found, total, 1), fpRate: ratio(negativesHit, negatives, 0), fpPerTopic, missed, falsePositives };
}

/** Spans of `input` that a text-only redactor replaced, recovered with a character LCS. */
export function removedSpans(input: string, output: string): Span[] {
  if (input === output) {
    return [];
  }
  const n = input.length;
  const m = output.length;
  const w = m + 1;
  const table = new Uint16Array((n + 1) * w);
  const at = (i: number, j: number): number => table[i * w + j] ?? 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * w + j] = input[i] === output[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const kept = new Uint8Array(n);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (input[i] === output[j]) {
      kept[i] = 1;
      i += 1;
      j += 1;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      i += 1;
    } else {
      j += 1;
    }
  }
  const spans: Span[] = [];
  for (let i = 0; i < n; i += 1) {
    if (kept[i] === 0 && input[i]?.trim() !== '') {
      const last = spans[spans.length - 1];
      if (last !== undefined && input.slice(last.end, i).trim() === '') {
        spans[spans.length - 1] = { start: last.start, end: i + 1, type: undefined };
      } else {
        spans.push({ start: i, end: i + 1, type: undefined });
      }
    }
  }
  return spans;
}
