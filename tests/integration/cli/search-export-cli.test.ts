// callvault search and callvault export --format through the real CLI entry (the handler table,
// in-process) on a real vault: the query on standard input, hostile input, the one export gate.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveReview } from '../../../src/app/redaction/redaction-review';
import { topicPolicyFrom } from '../../../src/core/policy/topic-policy';
import { runCliCapture } from '../../helpers/cli-runner';
import { tempDir } from '../../helpers/temp-dir';
import { timedSegment } from '../../helpers/timed-segment';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

async function home() {
  const { home: dir, vault } = await createTestVault();
  const ids: string[] = [];
  for (const [title, line] of [['Initech renewal', 'the card ends four two four two'], ['Globex discovery', 'we have 4242 employees and a tight budget']] as const) {
    const { record, writer } = vault.startRecording({ title, callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
    writer.finish();
    vault.transcripts.add({ recordingId: record.id, kind: 'machine', createdAt: '2026-05-01T00:00:00Z', createdBy: 'Test Rep', engine: 'hand-written', language: 'en', segments: [timedSegment('rep', 0, 3_000, 'Hello there.'), timedSegment('customer', 3_000, 8_000, line)] });
    ids.push(record.id);
  }
  const [initech = '', globex = ''] = ids;
  saveReview(vault, globex, 1, { added: [], dismissed: [] }, { reviewer: 'Test Rep', policyHash: 'p', topicPolicy: topicPolicyFrom({ sensitiveCategories: [] }), now: new Date('2026-05-02T00:00:00Z') });
  vault.close();
  return { env: { CALLVAULT_HOME: dir, CALLVAULT_PASSPHRASE: PASSPHRASE }, initech, globex };
}

describe('callvault search', () => {
  it('reads the query from standard input (off argv), finds numbers however written, and prints JSON hits with moments', async () => {
    const { env, initech, globex } = await home();
    const run = await runCliCapture(['search', '--json'], env, 'four two four two\n');
    expect(run.code).toBe(0);
    const hits = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { recordingId: string; startMs: number; speaker: string; snippet: { text: string; highlights: { start: number; end: number }[] } });
    expect(new Set(hits.map((h) => h.recordingId))).toEqual(new Set([initech, globex]));
    expect(hits.every((h) => h.startMs === 3_000 && h.speaker === 'customer')).toBe(true);
    const text = await runCliCapture(['search', 'budget'], env);
    expect(text.stdout).toMatch(new RegExp(`^${globex}  0:03 customer\\s+Globex discovery: we have 4242 employees and a tight »budget«$`, 'm'));
  });

  it('answers malformed syntax with a literal search or a usage error, never an engine error, and needs the passphrase off stdin', async () => {
    const { env } = await home();
    for (const query of ['"unbalanced', 'NEAR(budget', 'budget*', 'a AND OR NOT', '\u0000\u0007']) {
      const run = await runCliCapture(['search'], env, `${query}\n`);
      // A bad request (exit 1) says what to type; it is never the engine's message.
      expect([0, 1], query).toContain(run.code);
      expect(run.stderr, query).not.toMatch(/fts5|sqlite|syntax error|internal/i);
    }
    const empty = await runCliCapture(['search'], env, '***\n');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/Type a word/);
    const long = await runCliCapture(['search'], env, `${'x'.repeat(700)}\n`);
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/at most 500/);
    const noSecret = await runCliCapture(['search'], { CALLVAULT_HOME: env.CALLVAULT_HOME }, 'budget\n');
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/Standard input carries the search/);
  });
});

describe('callvault export --format', () => {
  it('refuses an unreviewed version (writing nothing) and writes SRT, VTT, DOCX and JSON of a reviewed one', async () => {
    const { env, initech, globex } = await home();
    const refusedDir = path.join(tempDir(), 'refused');
    const refused = await runCliCapture(['export', initech, '--format', 'srt', '--out', refusedDir], env);
    expect(refused.code).toBe(7);
    expect(fs.existsSync(refusedDir)).toBe(false);

    const out = path.join(tempDir(), 'out');
    const run = await runCliCapture(['export', globex, '--format', 'srt,vtt', '--format', 'docx', '--format', 'json', '--out', out, '--clip', '0-8'], env);
    expect(run.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['manifest.json', 'transcript.docx', 'transcript.json', 'transcript.srt', 'transcript.vtt']);
    expect(fs.readFileSync(path.join(out, 'transcript.srt'), 'utf8')).toContain('00:00:03,000 --> 00:00:08,000\nCustomer: we have 4242 employees');
    const bad = await runCliCapture(['export', globex, '--format', 'pdf', '--out', path.join(tempDir(), 'x')], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format takes txt, srt, vtt, docx, json/);
  });
});
