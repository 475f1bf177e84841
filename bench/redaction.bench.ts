/**
 * Redaction benchmark on tests/fixtures/redaction/eval.jsonl: span recall, precision, false-
 * positive rate on negative sentences, per-type recall, and throughput, for CallVault's
 * detectors and, side by side, the `redact-pii` SyncRedactor and `@redactpii/node` baselines.
 * Run: npx tsx bench/redaction.bench.ts   (the last line printed is JSON with the figures)
 *
 * Baselines only return redacted text, so their spans are recovered by diffing input and
 * output, and they are scored type-agnostically (any redaction overlapping a gold span counts),
 * which flatters them; CallVault is scored by type as well.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Redactor } from '@redactpii/node';
import { SyncRedactor } from 'redact-pii';
import { detectSensitive } from '../src/core/redaction';

export interface EvalSpan {
  readonly type: string;
  readonly text: string;
  /** 1-based, when the same text occurs more than once in the sentence. */
  readonly occurrence?: number;
}
export interface EvalRecord {
  readonly id: string;
  readonly text: string;
  readonly form: 'written' | 'spoken';
  readonly negative: boolean;
  readonly split: 'dev' | 'holdout';
  readonly spans: readonly EvalSpan[];
}
interface Span {
  readonly start: number;
  readonly end: number;
  readonly type: string | undefined;
}

export const EVAL_PATH = fileURLToPath(new URL('../tests/fixtures/redaction/eval.jsonl', import.meta.url));
/** Written by someone who never saw the detectors or the development set: the honest score. */
export const BLIND_PATH = fileURLToPath(new URL('../tests/fixtures/redaction/holdout.jsonl', import.meta.url));

interface BlindRecord {
  readonly id: string;
  readonly text: string;
  readonly form: 'written' | 'spoken' | 'negative';
  readonly spans: readonly EvalSpan[];
}

export function loadBlind(path = BLIND_PATH): EvalRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const r = JSON.parse(line) as BlindRecord;
      return { id: r.id, text: r.text, form: r.form === 'negative' ? 'written' : r.form, negative: r.form === 'negative', split: 'holdout', spans: r.spans };
    });
}

/**
 * A second blind set (2026-11-28), written by someone who saw neither the detectors nor the
 * other sets, with finer type names than the detectors use; they are mapped here.
 */
export const BLIND2_PATH = fileURLToPath(new URL('../tests/fixtures/redaction/blind-2.jsonl', import.meta.url));
const BLIND2_TYPES: Readonly<Record<string, string>> = { CVV: 'CARD_CVV', EXPIRY: 'CARD_EXPIRY', PASSWORD: 'CREDENTIAL', PIN: 'CREDENTIAL', OTP: 'CREDENTIAL' };

export function loadBlind2(path = BLIND2_PATH): EvalRecord[] {
  return loadBlind(path).map((r) => ({ ...r, spans: r.spans.map((s) => ({ ...s, type: BLIND2_TYPES[s.type] ?? s.type })) }));
}

export function loadEval(path = EVAL_PATH): EvalRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalRecord);
}

function goldSpans(record: EvalRecord): Span[] {
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

export interface Scores {
  readonly recall: number;
  readonly recallAnyType: number;
  readonly precision: number;
  readonly fpRate: number;
  readonly perType: Record<string, { found: number; total: number; recall: number }>;
  readonly perForm: Record<string, number>;
  readonly missed: string[];
  readonly falsePositives: string[];
}

/** Scores a span predictor; `typed` false ignores types (for baselines that have none). */
export function score(records: readonly EvalRecord[], predict: (text: string) => Span[], typed: boolean): Scores {
  let gold = 0;
  let found = 0;
  let foundAny = 0;
  let predicted = 0;
  let correct = 0;
  let negatives = 0;
  let negativesHit = 0;
  const perType: Record<string, { found: number; total: number; recall: number }> = {};
  const formTotals: Record<string, { found: number; total: number }> = {};
  const missed: string[] = [];
  const falsePositives: string[] = [];
  for (const record of records) {
    const golds = goldSpans(record);
    const preds = predict(record.text);
    predicted += preds.length;
    const sameType = (p: Span, g: Span): boolean => !typed || p.type === g.type;
    correct += preds.filter((p) => golds.some((g) => overlaps(p, g) && sameType(p, g))).length;
    if (record.negative) {
      negatives += 1;
      if (preds.length > 0) {
        negativesHit += 1;
        falsePositives.push(`${record.id}: ${preds.map((p) => `${p.type ?? '?'}[${record.text.slice(p.start, p.end)}]`).join(' ')} | ${record.text}`);
      }
    }
    for (const g of golds) {
      gold += 1;
      const type = g.type ?? '?';
      const bucket = (perType[type] ??= { found: 0, total: 0, recall: 0 });
      const form = (formTotals[record.form] ??= { found: 0, total: 0 });
      bucket.total += 1;
      form.total += 1;
      const hit = preds.some((p) => overlaps(p, g) && sameType(p, g));
      foundAny += preds.some((p) => overlaps(p, g)) ? 1 : 0;
      if (hit) {
        found += 1;
        bucket.found += 1;
        form.found += 1;
      } else {
        missed.push(`${record.id} ${type}[${record.text.slice(g.start, g.end)}] | ${record.text}`);
      }
    }
  }
  for (const bucket of Object.values(perType)) {
    bucket.recall = bucket.found / bucket.total;
  }
  const perForm = Object.fromEntries(Object.entries(formTotals).map(([k, v]) => [k, round(v.found / v.total)]));
  return {
    recall: round(found / gold),
    recallAnyType: round(foundAny / gold),
    precision: round(predicted === 0 ? 1 : correct / predicted),
    fpRate: round(negativesHit / negatives),
    perType,
    perForm,
    missed,
    falsePositives,
  };
}

const round = (value: number): number => Math.round(value * 10000) / 10000;

/** Spans of `input` that a text-only redactor replaced, recovered with a character LCS. */
export function removedSpans(input: string, output: string): Span[] {
  if (input === output) {
    return [];
  }
  const n = input.length;
  const m = output.length;
  const table = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * (m + 1) + j] = input[i] === output[j] ? table[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
    }
  }
  const kept = new Uint8Array(n);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (input[i] === output[j]) {
      kept[i] = 1;
      i += 1;
      j += 1;
    } else if (table[(i + 1) * (m + 1) + j]! >= table[i * (m + 1) + j + 1]!) {
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

/** MB/s of UTF-8 transcript text, repeating the set until at least `minMs` have passed. */
export function throughput(records: readonly EvalRecord[], run: (text: string) => unknown, minMs = 1500): number {
  const bytes = records.reduce((sum, r) => sum + Buffer.byteLength(r.text, 'utf8'), 0);
  for (const r of records.slice(0, 50)) {
    run(r.text);
  }
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const r of records) {
      run(r.text);
    }
    rounds += 1;
    elapsed = performance.now() - start;
  }
  return Math.round(((bytes * rounds) / 1e6 / (elapsed / 1000)) * 100) / 100;
}

function main(): void {
  const records = loadEval();
  const negatives = records.filter((r) => r.negative).length;
  const ours = (text: string): Span[] => detectSensitive(text);
  const redactPii = new SyncRedactor();
  const redactPiiNode = new Redactor();
  const baselineA = (text: string): Span[] => removedSpans(text, redactPii.redact(text));
  const baselineB = (text: string): Span[] => removedSpans(text, redactPiiNode.redact(text));

  const mine = score(records, ours, true);
  const holdoutRecords = records.filter((r) => r.split === 'holdout');
  const holdout = score(holdoutRecords, ours, true);
  const a = score(records, baselineA, false);
  const b = score(records, baselineB, false);
  const blindRecords = loadBlind();
  const blind = score(blindRecords, ours, true);
  const blindA = score(blindRecords, baselineA, false);
  const blindB = score(blindRecords, baselineB, false);
  const blind2Records = loadBlind2();
  const blind2 = score(blind2Records, ours, true);
  const blind2A = score(blind2Records, baselineA, false);
  const blind2B = score(blind2Records, baselineB, false);
  const mineMBs = throughput(records, detectSensitive);
  const aMBs = throughput(records, (t) => redactPii.redact(t));
  const bMBs = throughput(records, (t) => redactPiiNode.redact(t));

  console.log(`Eval set: ${records.length} sentences, ${negatives} negatives, ${records.reduce((s, r) => s + r.spans.length, 0)} gold spans`);
  if (process.argv.includes('--verbose')) {
    console.log('\nMissed:');
    for (const line of mine.missed) {
      console.log(`  ${line}`);
    }
    console.log('\nFalse positives on negatives:');
    for (const line of mine.falsePositives) {
      console.log(`  ${line}`);
    }
  }
  console.log('\nCallVault per-type recall:');
  for (const [type, v] of Object.entries(mine.perType).sort()) {
    console.log(`  ${type.padEnd(16)} ${v.found}/${v.total}  ${v.recall.toFixed(3)}`);
  }
  console.log(`  by form: ${JSON.stringify(mine.perForm)}`);
  console.log('\n                       recall  recall(any type)  precision  FP-rate(neg)  MB/s');
  const row = (name: string, s: Scores, mbs: number, typedRecall: boolean): void => {
    console.log(`  ${name.padEnd(20)} ${typedRecall ? s.recall.toFixed(3) : '  -  '}   ${s.recallAnyType.toFixed(3)}             ${s.precision.toFixed(3)}      ${(s.fpRate * 100).toFixed(1).padStart(5)}%     ${mbs}`);
  };
  row('callvault', mine, mineMBs, true);
  row('redact-pii (sync)', a, aMBs, false);
  row('@redactpii/node', b, bMBs, false);
  console.log(`\nHeld-out split only (${holdoutRecords.length} sentences; its first blind score is in scripts/gen-redaction-eval.ts):`);
  row('callvault holdout', holdout, mineMBs, true);
  if (process.argv.includes('--verbose')) {
    for (const line of holdout.missed) {
      console.log(`  missed ${line}`);
    }
    for (const line of holdout.falsePositives) {
      console.log(`  false positive ${line}`);
    }
  }
  console.log(`\nBlind set (${blindRecords.length} sentences, ${blindRecords.filter((r) => r.negative).length} negatives, written without sight of the detectors):`);
  row('callvault blind', blind, mineMBs, true);
  row('redact-pii blind', blindA, aMBs, false);
  row('@redactpii blind', blindB, bMBs, false);
  for (const [type, v] of Object.entries(blind.perType).sort()) {
    console.log(`  ${type.padEnd(16)} ${v.found}/${v.total}  ${v.recall.toFixed(3)}`);
  }
  if (process.argv.includes('--verbose')) {
    for (const line of blind.missed) {
      console.log(`  blind missed ${line}`);
    }
    for (const line of blind.falsePositives) {
      console.log(`  blind false positive ${line}`);
    }
  }
  console.log(`\nSecond blind set (${blind2Records.length} sentences, ${blind2Records.filter((r) => r.negative).length} negatives, 2026-11-28, written without sight of the detectors):`);
  row('callvault blind-2', blind2, mineMBs, true);
  row('redact-pii blind-2', blind2A, aMBs, false);
  row('@redactpii blind-2', blind2B, bMBs, false);
  for (const [type, v] of Object.entries(blind2.perType).sort()) {
    console.log(`  ${type.padEnd(16)} ${v.found}/${v.total}  ${v.recall.toFixed(3)}`);
  }
  if (process.argv.includes('--verbose')) {
    for (const line of blind2.missed) {
      console.log(`  blind-2 missed ${line}`);
    }
    for (const line of blind2.falsePositives) {
      console.log(`  blind-2 false positive ${line}`);
    }
  }
  const targetsMet = mine.recall >= 0.97 && mine.fpRate <= 0.03;
  const blindTargetsMet = blind.recall >= 0.97 && blind.fpRate <= 0.03;
  console.log(`\nTargets (recall >= 0.97, FP-rate <= 3%): ${targetsMet ? 'met' : 'NOT met'}`);
  console.log(
    JSON.stringify({
      set: { sentences: records.length, negatives },
      callvault: { recall: mine.recall, recallAnyType: mine.recallAnyType, precision: mine.precision, fpRate: mine.fpRate, mbPerSec: mineMBs, perType: Object.fromEntries(Object.entries(mine.perType).map(([k, v]) => [k, round(v.recall)])), perForm: mine.perForm },
      callvaultHoldout: { recall: holdout.recall, precision: holdout.precision, fpRate: holdout.fpRate },
      callvaultBlind: { recall: blind.recall, recallAnyType: blind.recallAnyType, precision: blind.precision, fpRate: blind.fpRate, perForm: blind.perForm },
      redactPiiBlind: { recallAnyType: blindA.recallAnyType, precision: blindA.precision, fpRate: blindA.fpRate },
      redactPiiNodeBlind: { recallAnyType: blindB.recallAnyType, precision: blindB.precision, fpRate: blindB.fpRate },
      blindTargetsMet,
      callvaultBlind2: { recall: blind2.recall, recallAnyType: blind2.recallAnyType, precision: blind2.precision, fpRate: blind2.fpRate, perForm: blind2.perForm },
      redactPiiBlind2: { recallAnyType: blind2A.recallAnyType, precision: blind2A.precision, fpRate: blind2A.fpRate },
      redactPiiNodeBlind2: { recallAnyType: blind2B.recallAnyType, precision: blind2B.precision, fpRate: blind2B.fpRate },
      redactPii: { recallAnyType: a.recallAnyType, precision: a.precision, fpRate: a.fpRate, mbPerSec: aMBs },
      redactPiiNode: { recallAnyType: b.recallAnyType, precision: b.precision, fpRate: b.fpRate, mbPerSec: bMBs },
      targetsMet,
    }),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
