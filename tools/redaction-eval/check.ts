/**
 * Quick development check without the baselines or throughput: CallVault's scores on the
 * standard sets (and an extra segments set), with every miss and false positive listed.
 * Run: npx tsx tools/redaction-eval/check.ts [extra.jsonl ...]
 */
import { loadBlind, loadBlind2, loadEval, loadSegmentSet, type EvalRecord } from './load';
import { callvault } from './predict';
import { score, scoreTopics } from './score';

function show(name: string, records: readonly EvalRecord[], list: boolean): void {
  const s = score(records, callvault, true);
  console.log(`${name}: recall ${s.recall} precision ${s.precision} FP ${s.fpRate} (${records.length} lines)`);
  if (list) {
    for (const line of [...s.missed.map((m) => `  missed ${m}`), ...s.falsePositives.map((f) => `  FP ${f}`)]) {
      console.log(line.replace(/\n/gu, ' / '));
    }
  }
  if (records.some((r) => r.topics !== undefined)) {
    const t = scoreTopics(records, callvault);
    console.log(`  topics: recall ${t.recall} FP ${t.fpRate} ${JSON.stringify(t.perTopic)}`);
    if (list) {
      for (const line of [...t.missed.map((m) => `  topic missed ${m}`), ...t.falsePositives.map((f) => `  topic FP ${f}`)]) {
        console.log(line);
      }
    }
  }
}

show('dev', loadEval(), true);
show('blind', loadBlind(), true);
show('blind-2', loadBlind2(), true);
for (const path of process.argv.slice(2)) {
  show(path, loadSegmentSet(path), true);
}
