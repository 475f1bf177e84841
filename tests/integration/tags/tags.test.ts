// Tags through the contract on a real vault with the shipped default policy: the taxonomy, tags
// on a call and on a moment, suggestions from the latest transcript with the sentence that
// triggered them, accept and reject by the rep, nothing tagged silently, the library by tag.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordingSummary, TagSuggestionView, TagView } from '../../../src/shared/contract';
import { editFixture } from '../../helpers/edit-fixture';
import { editedPolicyText } from '../../unit/policy/policy-fixture';
import { tempDir } from '../../helpers/temp-dir';

describe('tags', () => {
  it('offers the policy\'s taxonomy and tags a call and a moment; refuses tags outside the taxonomy and moments past the end', async () => {
    const { call, dispatch, recordingId, audit, emitted } = await editFixture();
    const taxonomy = await call<{ id: string; label: string; suggests: boolean }[]>('tags.taxonomy');
    expect(taxonomy.map((t) => t.label)).toEqual([
      'Discovery', 'Demo', 'Pricing', 'Renewal', 'Churn risk', 'Competitor mention', 'Budget objection', 'Security concern', 'Legal concern',
      'Procurement', 'Executive sponsor', 'Product gap', 'Implementation risk', 'Strong coaching example', 'Training library candidate',
    ]);
    expect(taxonomy.find((t) => t.id === 'pricing')?.suggests).toBe(true);

    await call('tags.add', { recordingId, tag: 'discovery' });
    const tags = await call<TagView[]>('tags.add', { recordingId, tag: 'strong-coaching-example', fromMs: 9_500, toMs: 12_000 });
    expect(tags.map((t) => [t.tag, t.label, t.fromMs, t.toMs, t.source])).toEqual([
      ['discovery', 'Discovery', null, null, 'manual'],
      ['strong-coaching-example', 'Strong coaching example', 9_500, 12_000, 'manual'],
    ]);
    const refusals: [unknown, RegExp][] = [
      [{ recordingId, tag: 'vip' }, /"vip" is not a tag in the policy/],
      [{ recordingId, tag: 'demo', fromMs: 5_000, toMs: 25_000 }, /after the recording ends/],
      [{ recordingId, tag: 'demo', fromMs: 5_000 }, /give both fromMs and toMs/],
      [{ recordingId, tag: 'discovery' }, /already has this tag/],
    ];
    for (const [input, message] of refusals) {
      expect(await dispatch('tags.add', input)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(message) as unknown } });
    }
    expect(await dispatch('tags.add', { recordingId: '00000000-0000-4000-8000-000000000000', tag: 'demo' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(audit('tag.added').map((e) => (JSON.parse(e.detail) as { tag: string }).tag)).toEqual(['discovery', 'strong-coaching-example']);
    expect(emitted.filter((e) => e.name === 'tags.changed')).toHaveLength(2);

    const removed = await call<TagView[]>('tags.remove', { recordingId, id: tags[0]!.id });
    expect(removed.map((t) => t.tag)).toEqual(['strong-coaching-example']);
    expect(audit('tag.removed')).toHaveLength(1);
  });

  it('suggests tags with the sentence and time that triggered them, and computing them tags nothing', async () => {
    const { call, vault, recordingId, audit } = await editFixture();
    const suggestions = await call<TagSuggestionView[]>('tags.suggestions', { recordingId });
    expect(suggestions.map((s) => [s.tag, s.rule, s.matched, s.speaker, s.sentence])).toEqual([
      ['competitor-mention', 'competitor', 'gong', 'customer', 'We tried Gong last year but the price was too high.'],
      ['pricing', 'word', 'price', 'customer', 'We tried Gong last year but the price was too high.'],
      ['pricing', 'word', 'pricing', 'rep', 'Understood, our pricing is per seat.'],
      ['budget-objection', 'phrase', 'budget is tight', 'customer', 'Our budget is tight this quarter, honestly.'],
    ]);
    const gong = suggestions[0]!;
    expect(gong.startMs).toBeGreaterThan(4_500); // the sentence after "Yes." starts later than its segment
    expect(gong.endMs).toBe(9_000);
    expect(gong.version).toBe(1);
    // Nothing is tagged silently: asking (twice) wrote no tag and no decision.
    await call('tags.suggestions', { recordingId });
    expect(vault.tags.forRecording(recordingId)).toEqual([]);
    expect(vault.tags.decisions(recordingId).size).toBe(0);
    expect(audit('tag.added')).toHaveLength(0);
  });

  it('accepting tags the moment of the sentence; rejecting hides it for good; both are the rep\'s acts', async () => {
    const { call, dispatch, vault, recordingId, audit } = await editFixture();
    const [gong, pricing] = await call<TagSuggestionView[]>('tags.suggestions', { recordingId });
    const tags = await call<TagView[]>('tags.accept', { recordingId, suggestionId: gong!.id });
    expect(tags).toEqual([expect.objectContaining({ tag: 'competitor-mention', fromMs: gong!.startMs, toMs: gong!.endMs, source: 'suggestion' })]);
    expect(JSON.parse(audit('tag.added')[0]!.detail)).toMatchObject({ tag: 'competitor-mention', source: 'suggestion', moment: true });

    const left = await call<TagSuggestionView[]>('tags.reject', { recordingId, suggestionId: pricing!.id });
    expect(left.map((s) => s.id)).not.toContain(pricing!.id);
    expect(left.map((s) => s.id)).not.toContain(gong!.id);
    expect(audit('tag.suggestion_rejected')).toHaveLength(1);
    expect(await dispatch('tags.accept', { recordingId, suggestionId: pricing!.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/no longer offered/) as unknown } });

    // A new transcript version does not bring a rejected suggestion back while its sentence keeps its time.
    await call('transcripts.saveVersion', { recordingId, baseVersion: 1, edits: [{ op: 'text', segment: 3, text: 'Our budget is tight this quarter.' }] });
    const after = await call<TagSuggestionView[]>('tags.suggestions', { recordingId });
    expect(after.map((s) => s.tag)).toEqual(['pricing', 'budget-objection']);
    expect(after.every((s) => s.version === 2)).toBe(true);
    expect(vault.tags.forRecording(recordingId)).toHaveLength(1);
  });

  it('filters the library by tag', async () => {
    const first = await editFixture();
    await first.call('tags.add', { recordingId: first.recordingId, tag: 'pricing' });
    await first.call('tags.add', { recordingId: first.recordingId, tag: 'renewal', fromMs: 0, toMs: 4_000 });
    const byPricing = await first.call<RecordingSummary[]>('tags.recordings', { tags: ['pricing'] });
    expect(byPricing.map((r) => r.id)).toEqual([first.recordingId]);
    expect(await first.call<RecordingSummary[]>('tags.recordings', { tags: ['pricing', 'renewal'] })).toHaveLength(1);
    expect(await first.call<RecordingSummary[]>('tags.recordings', { tags: ['pricing', 'demo'] })).toEqual([]);
    expect(await first.call('tags.byRecording')).toEqual([{ recordingId: first.recordingId, tags: ['pricing', 'renewal'] }]);
  });

  it('with an unreadable policy nothing can be tagged or suggested, but existing tags still list', async () => {
    const broken = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(broken, editedPolicyText());
    const { call, dispatch, recordingId } = await editFixture(undefined, { CALLVAULT_POLICY: broken });
    await call('tags.add', { recordingId, tag: 'demo' });
    fs.writeFileSync(broken, editedPolicyText([['tags', 0, 'suggest'], { words: ['two words'] }]));
    expect(await dispatch('tags.add', { recordingId, tag: 'pricing' })).toMatchObject({ ok: false, error: { code: 'POLICY_UNAVAILABLE', message: expect.stringMatching(/more than one word: put it under phrases/) as unknown } });
    expect(await dispatch('tags.suggestions', { recordingId })).toMatchObject({ ok: false, error: { code: 'POLICY_UNAVAILABLE' } });
    expect((await call<TagView[]>('tags.list', { recordingId })).map((t) => [t.tag, t.label])).toEqual([['demo', 'demo']]);
  });
});
