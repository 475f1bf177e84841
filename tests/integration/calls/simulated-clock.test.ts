// One injected clock (#11 section 4): the app composed as the hosts compose it, with a clock the
// test moves by days and years instead of waiting. What the app decides from the date (a policy
// not yet in force, a review falling due and overdue, a consent date in the future) changes as
// the simulated date moves, and every stamp it writes (audit entries, acknowledgment, jobs,
// review days) is the simulated time, never the machine's.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type App } from '../../../src/app/compose';
import { silentLogger } from '../../../src/app/logger';
import type { Clock } from '../../../src/core/ports/clock';
import { encodeWav } from '../../../src/platform/audio/wav';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../../src/shared/contract';
import { customer } from '../../helpers/call-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE } from '../../helpers/vault-fixture';
import { testManifest, writeManifest } from '../models/model-fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A clock that stands still until the test moves it. */
class SimulatedClock implements Clock {
  private at: number;
  /** Every instant the clock was read at, as ISO text. */
  readonly seen = new Set<string>();

  constructor(start: string) {
    this.at = Date.parse(start);
  }

  now(): Date {
    const now = new Date(this.at);
    this.seen.add(now.toISOString());
    return now;
  }

  advanceDays(days: number): void {
    this.at += days * DAY_MS;
  }

  iso(): string {
    return new Date(this.at).toISOString();
  }
}

/** The shipped policy, rolled out (and in force) on 2027-03-01. */
function policyRolledOutOn(day: string): string {
  const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/policy/default-policy.yaml'), 'utf8');
  const changed = text.replace(/effectiveDate: \S+/, `effectiveDate: ${day}`).replace(/rolloutDate: null/, `rolloutDate: ${day}`);
  expect(changed).toContain(`rolloutDate: ${day}`);
  const file = path.join(tempDir(), 'policy.yaml');
  fs.writeFileSync(file, changed);
  return file;
}

const apps: App[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) {
    app.close();
  }
});

const discovery = { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme discovery', participants: [customer] };

describe('one simulated clock through the composed app', () => {
  it('drives policy effect, review schedule, consent dates and every stamp over simulated days and years, with no waiting', async () => {
    const clock = new SimulatedClock('2027-02-27T10:00:00.000Z');
    const home = tempDir();
    const env = { CALLVAULT_HOME: home, CALLVAULT_POLICY: policyRolledOutOn('2027-03-01'), CALLVAULT_MODEL_MANIFEST: writeManifest(testManifest()) };
    const app = await composeApp({ host: 'browser', version: 't', logger: silentLogger, env, clock });
    apps.push(app);
    const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
      const result = (await app.dispatch(method, input)) as Result<MethodOutput<M>>;
      if (!result.ok) {
        throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      }
      return result.value;
    };

    const profile = await call('profiles.create', { displayName: 'Avery Admin' });
    await call('profiles.select', { profileId: profile.id });
    await call('vault.create', { passphrase: PASSPHRASE });
    const ack = await call('policy.acknowledgment', {});
    await call('policy.acknowledge', { policyHash: ack.content.policyHash });
    expect((await call('policy.acknowledgment', {})).needed).toBe(false);

    // 27 February: the policy is not in force yet, so nothing may be recorded.
    const early = await call('calls.prepare', discovery);
    expect(early).toMatchObject({ allowed: false, reasons: [{ code: 'policy-not-in-force' }] });
    expect((await call('policy.overview', {})).reviewNotice).toBeNull();

    // Three simulated days later it is.
    clock.advanceDays(3);
    expect(await call('calls.prepare', discovery)).toMatchObject({ allowed: true });

    // 5 April: the review due 30 days after rollout (31 March) is five days overdue.
    clock.advanceDays(34);
    expect(clock.iso()).toBe('2027-04-05T10:00:00.000Z');
    expect((await call('policy.overview', {})).reviewNotice).toBe('The governance policy review is overdue by 5 days: the review 30 days after rollout was due on 2027-03-31.');
    expect((await call('policy.recordReview', {})).reviewNotice).toBeNull();

    // Two simulated years on, the 90-day review (due 30 May 2027) was never held.
    clock.advanceDays(730);
    const overdue = (await call('policy.overview', {})).reviewNotice;
    const daysLate = (Date.parse(clock.iso().slice(0, 10)) - Date.parse('2027-05-30')) / DAY_MS;
    expect(daysLate).toBe(675);
    expect(overdue).toBe(`The governance policy review is overdue by ${daysLate} days: the review 90 days after rollout was due on 2027-05-30.`);

    // A consent date of tomorrow is in the future; a simulated day later it is not.
    const wav = path.join(tempDir(), 'call.wav');
    fs.writeFileSync(wav, encodeWav({ sampleRate: 16_000, channels: [new Int16Array(16_000), new Int16Array(16_000)] }));
    const tomorrow = new Date(Date.parse(clock.iso()) + DAY_MS).toISOString().slice(0, 10);
    const request = { file: wav, call: discovery, consent: { method: 'verbal' as const, consentDate: tomorrow, attestedBy: 'Avery Admin' } };
    const refused = await app.dispatch('recordings.import', request);
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'The consent date is in the future.' } });
    clock.advanceDays(1);
    const imported = await call('recordings.import', request);
    if (!imported.imported) {
      throw new Error('not imported');
    }

    // A job is stamped with the simulated time (it then fails: no model is installed).
    const job = await call('transcription.enqueue', { recordingId: imported.recordingId, model: 'alpha' });
    expect(job.queuedAt).toBe(clock.iso());
    await app.services.transcription.idle();
    expect((await call('transcription.jobs', {}))[0]).toMatchObject({ state: 'failed', updatedAt: clock.iso() });
    expect((await call('recordings.list', {}))[0]?.startedAt).toBe(clock.iso());

    // Every audit entry carries a time the simulated clock gave, from 2027 to 2029; none is the machine's.
    const entries = await call('audit.entries', {});
    expect(entries.map((e) => e.event)).toEqual(expect.arrayContaining(['vault.created', 'policy.acknowledged', 'policy.review_held', 'recording.created', 'transcription.queued']));
    for (const entry of entries) {
      expect(clock.seen.has(entry.at), `${entry.event} at ${entry.at}`).toBe(true);
    }
    expect(entries.find((e) => e.event === 'policy.acknowledged')?.at).toBe('2027-02-27T10:00:00.000Z');
    const held = entries.find((e) => e.event === 'policy.review_held');
    expect(held).toMatchObject({ at: '2027-04-05T10:00:00.000Z', detail: JSON.stringify({ day: '2027-04-05' }) });
    expect(entries.at(-1)?.at.slice(0, 4)).toBe('2029');
  });
});
