/**
 * Redaction benchmark: span recall, precision and false-positive rate (per type and per form),
 * topic recall and topic false positives, and throughput, for CallVault's detectors run through
 * the app's transcript scan and, side by side, the `redact-pii` SyncRedactor and
 * `@redactpii/node` baselines. Loaders and scorers live in tools/redaction-eval.
 *
 * Run: npx tsx bench/redaction.bench.ts [--verbose] [--set path/to/extra.jsonl]
 *      (or REDACTION_EVAL_SET=path); the last line is `BENCH redaction {figures}`.
 *
 * Baselines only return redacted text, so their spans are recovered by diffing input and
 * output, and they are scored type-agnostically (any redaction overlapping a gold span counts),
 * which flatters them; CallVault is scored by type as well.
 */
import { fileURLToPath } from 'node:url';
import { Redactor } from '@redactpii/node';
import { SyncRedactor } from 'redact-pii';
import { detectSensitive, scanTranscript } from '../src/core/redaction';
import { loadBlind, loadBlind2, loadEval, loadSegmentSet, type EvalRecord } from '../tools/redaction-eval/load';
import { callvault, textRedactor } from '../tools/redaction-eval/predict';
import { score, scoreTopics, type Predictor, type Scores, type TopicScores } from '../tools/redaction-eval/score';
import { regexBaselineScan } from '../tools/redaction-eval/regex-baseline';
import { throughput, throughputOf } from '../tools/redaction-eval/throughput';
import { report } from './bench-util';

const verbose = process.argv.includes('--verbose');

function extraSetPath(): string | undefined {
  const at = process.argv.indexOf('--set');
  const arg = at >= 0 ? process.argv[at + 1] : undefined;
  return arg ?? process.env.REDACTION_EVAL_SET;
}

const pct = (v: number): string => `${(v * 100).toFixed(1).padStart(5)}%`;

function row(name: string, s: Scores, typedRecall: boolean, mbs?: number): void {
  console.log(`  ${name.padEnd(22)} ${typedRecall ? s.recall.toFixed(3) : '  -  '}   ${s.recallAnyType.toFixed(3)}             ${s.precision.toFixed(3)}      ${pct(s.fpRate)}     ${mbs ?? ''}`);
}

function details(label: string, s: Scores): void {
  for (const [type, v] of Object.entries(s.perType).sort()) {
    console.log(`  ${type.padEnd(16)} ${`${v.found}/${v.total}`.padEnd(8)} recall ${v.recall.toFixed(3)}  precision ${v.precision.toFixed(3)}`);
  }
  for (const [form, v] of Object.entries(s.perForm).sort()) {
    console.log(`  form ${form.padEnd(15)} lines ${String(v.lines).padEnd(5)} recall ${v.recall.toFixed(3)}  precision ${v.precision.toFixed(3)}  FP-rate ${pct(v.fpRate)}`);
  }
  if (verbose) {
    for (const line of s.missed) {
      console.log(`  ${label} missed ${line}`);
    }
    for (const line of s.falsePositives) {
      console.log(`  ${label} false positive ${line}`);
    }
  }
}

function topicDetails(label: string, t: TopicScores): void {
  for (const [topic, v] of Object.entries(t.perTopic).sort()) {
    console.log(`  topic ${topic.padEnd(12)} ${`${v.found}/${v.total}`.padEnd(8)} recall ${v.recall.toFixed(3)}  FP ${pct(t.fpPerTopic[topic] ?? 0)}`);
  }
  console.log(`  topics overall recall ${t.recall.toFixed(3)}, negative lines flagged ${pct(t.fpRate)}`);
  if (verbose) {
    for (const line of t.missed) {
      console.log(`  ${label} topic missed ${line}`);
    }
    for (const line of t.falsePositives) {
      console.log(`  ${label} topic false positive ${line}`);
    }
  }
}

interface SetResult {
  readonly ours: Scores;
  readonly a: Scores;
  readonly b: Scores;
}

function runSet(title: string, records: readonly EvalRecord[], a: Predictor, b: Predictor): SetResult {
  const ours = score(records, callvault, true);
  const result = { ours, a: score(records, a, false), b: score(records, b, false) };
  console.log(`\n${title} (${records.length} lines, ${records.filter((r) => r.negative).length} negatives, ${records.reduce((s, r) => s + r.spans.length, 0)} gold spans)`);
  console.log('                         recall  recall(any type)  precision  FP-rate(neg)');
  row('callvault', ours, true);
  row('redact-pii (sync)', result.a, false);
  row('@redactpii/node', result.b, false);
  details(title, ours);
  return result;
}

const summary = (s: Scores): Record<string, unknown> => ({ recall: s.recall, recallAnyType: s.recallAnyType, precision: s.precision, fpRate: s.fpRate });
const baseline = (s: Scores): Record<string, unknown> => ({ recallAnyType: s.recallAnyType, precision: s.precision, fpRate: s.fpRate });

function main(): void {
  const redactPii = new SyncRedactor();
  const redactPiiNode = new Redactor();
  const a = textRedactor((t) => redactPii.redact(t));
  const b = textRedactor((t) => redactPiiNode.redact(t));

  const dev = loadEval();
  const devResult = runSet('Development set (eval.jsonl)', dev, a, b);
  const holdout = score(dev.filter((r) => r.split === 'holdout'), callvault, true);
  console.log(`  held-out split: recall ${holdout.recall.toFixed(3)}, precision ${holdout.precision.toFixed(3)}, FP-rate ${pct(holdout.fpRate)}`);
  const blind = runSet('Blind set (holdout.jsonl, written without sight of the detectors)', loadBlind(), a, b);
  const blind2 = runSet('Second blind set (blind-2.jsonl, 2026-11-28)', loadBlind2(), a, b);

  const figures: Record<string, unknown> = {
    set: { sentences: dev.length, negatives: dev.filter((r) => r.negative).length },
    callvault: { ...summary(devResult.ours), perType: Object.fromEntries(Object.entries(devResult.ours.perType).map(([k, v]) => [k, v.recall])) },
    callvaultHoldout: summary(holdout),
    callvaultBlind: summary(blind.ours),
    redactPiiBlind: baseline(blind.a),
    redactPiiNodeBlind: baseline(blind.b),
    callvaultBlind2: summary(blind2.ours),
    redactPiiBlind2: baseline(blind2.a),
    redactPiiNodeBlind2: baseline(blind2.b),
    redactPii: baseline(devResult.a),
    redactPiiNode: baseline(devResult.b),
  };

  const extraPath = extraSetPath();
  if (extraPath !== undefined) {
    const extra = loadSegmentSet(extraPath);
    const result = runSet(`Extra set (${extraPath})`, extra, a, b);
    const topics = scoreTopics(extra, callvault);
    topicDetails('extra', topics);
    const targets = result.ours.recall >= 0.97 && result.ours.fpRate <= 0.03 && topics.recall >= 0.85 && topics.fpRate <= 0.02;
    console.log(`  targets (span recall >= 0.97, FP <= 3%, topic recall >= 0.85, topic FP <= 2%): ${targets ? 'met' : 'NOT met'}`);
    figures.extra = {
      path: extraPath,
      ...summary(result.ours),
      perForm: result.ours.perForm,
      perType: result.ours.perType,
      topicRecall: topics.recall,
      topicFpRate: topics.fpRate,
      perTopic: topics.perTopic,
      redactPii: baseline(result.a),
      redactPiiNode: baseline(result.b),
      targetsMet: targets,
    };
  }

  const texts = dev.map((r) => r.text);
  const detect = throughput(texts, detectSensitive);
  const scan = throughput(texts, (t) => scanTranscript([{ speaker: 'customer', text: t }]));
  const pii = throughput(texts, (t) => redactPii.redact(t));
  const piiNode = throughput(texts, (t) => redactPiiNode.redact(t));
  const regexOnly = throughput(texts, regexBaselineScan);
  // Whole transcripts laid out as the app scans them (blind-5's exchanges: several turns each).
  const exchanges = loadSegmentSet(fileURLToPath(new URL('../tests/fixtures/redaction/blind-5.jsonl', import.meta.url)));
  const transcripts = throughputOf(exchanges, (r) => r.text, (r) => scanTranscript(r.segments));
  // The yardsticks on the same whole-transcript text, so the headline ratio compares like with like.
  const piiNodeTranscripts = throughputOf(exchanges, (r) => r.text, (r) => redactPiiNode.redact(r.text));
  const regexOnlyTranscripts = throughputOf(exchanges, (r) => r.text, (r) => regexBaselineScan(r.text));
  const mbPerSec = { callvault: detect.wall, callvaultWithTopics: scan.wall, transcripts: transcripts.wall, redactPii: pii.wall, redactPiiNode: piiNode.wall, regexOnly: regexOnly.wall, redactPiiNodeTranscripts: piiNodeTranscripts.wall, regexOnlyTranscripts: regexOnlyTranscripts.wall };
  const cpuMbPerSec = { callvault: detect.cpu, callvaultWithTopics: scan.cpu, transcripts: transcripts.cpu, redactPii: pii.cpu, redactPiiNode: piiNode.cpu, regexOnly: regexOnly.cpu, redactPiiNodeTranscripts: piiNodeTranscripts.cpu, regexOnlyTranscripts: regexOnlyTranscripts.cpu };
  // The machine's load moves every figure; the ratio to a baseline measured in the same run moves less.
  const ratio = (ours: number, base: number): number => Math.round((ours / base) * 1000) / 1000;
  const vsBaselines = {
    scanVsRedactPii: ratio(scan.cpu, pii.cpu),
    scanVsRedactPiiNode: ratio(scan.cpu, piiNode.cpu),
    detectVsRedactPiiNode: ratio(detect.cpu, piiNode.cpu),
    scanVsRegexOnly: ratio(scan.cpu, regexOnly.cpu),
    transcriptsVsRegexOnly: ratio(transcripts.cpu, regexOnlyTranscripts.cpu),
    transcriptsVsRedactPiiNode: ratio(transcripts.cpu, piiNodeTranscripts.cpu),
  };
  console.log(`\nThroughput (MB/s of transcript text, wall): detectors ${detect.wall}, detectors + topics ${scan.wall}, whole transcripts ${transcripts.wall}, redact-pii ${pii.wall}, @redactpii/node ${piiNode.wall}, regex-only ${regexOnly.wall}`);
  console.log(`Throughput (MB/s of CPU time):             detectors ${detect.cpu}, detectors + topics ${scan.cpu}, whole transcripts ${transcripts.cpu}, redact-pii ${pii.cpu}, @redactpii/node ${piiNode.cpu}, regex-only ${regexOnly.cpu}`);
  console.log(`Whole transcripts (blind-5's exchanges, full scan), MB/s wall / CPU: CallVault ${transcripts.wall} / ${transcripts.cpu}, @redactpii/node ${piiNodeTranscripts.wall} / ${piiNodeTranscripts.cpu}, regex-only ${regexOnlyTranscripts.wall} / ${regexOnlyTranscripts.cpu}; CallVault is ${vsBaselines.transcriptsVsRedactPiiNode}x @redactpii/node and ${vsBaselines.transcriptsVsRegexOnly}x regex-only; 5 MB/s of CPU ${transcripts.cpu >= 5 ? 'met' : 'NOT met'}`);
  console.log(`Scan (detectors + topics) vs baselines, CPU: ${vsBaselines.scanVsRedactPii}x redact-pii, ${vsBaselines.scanVsRedactPiiNode}x @redactpii/node, ${vsBaselines.scanVsRegexOnly}x regex-only; 5 MB/s of CPU ${scan.cpu >= 5 ? 'met' : 'NOT met'}`);
  const targetsMet = devResult.ours.recall >= 0.97 && devResult.ours.fpRate <= 0.03;
  console.log(`Targets on the development set (recall >= 0.97, FP-rate <= 3%): ${targetsMet ? 'met' : 'NOT met'}`);
  report('redaction', { ...figures, mbPerSec, cpuMbPerSec, vsBaselines, targetsMet });
}

main();
