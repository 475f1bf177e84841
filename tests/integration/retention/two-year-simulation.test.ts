// Two simulated years of retention (#15 "must be shown"): 24 calls of mixed types, won and lost
// deals, a legal hold released later, a compliance hold never released, a training exemption
// that lapses, and a policy change part-way. The app sweeps once per simulated day through
// retention.run; an independent day-by-day oracle (plain day arithmetic, not core/retention)
// says on which day each artifact must go. Exactly that set goes, on exactly that day, and
// nothing is destroyed while it is held.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRUSTED_HOLD_ISSUERS } from '../../../src/app/retention/retention-service';
import { signHold } from '../../../src/core/retention';
import { assertNever } from '../../../src/shared/assert';
import { retentionFixture } from '../../helpers/retention-fixture';
import { tempDir } from '../../helpers/temp-dir';

const START = Date.UTC(2027, 0, 4);
const DAY = 86_400_000;
const END = 760;
const POLICY_CHANGE = 400;
const LEGAL_RELEASE = 500;
const TYPES = ['discovery', 'demo', 'renewal', 'customer-success'] as const;
const LOCAL = ['recording', 'transcript', 'summary', 'notes', 'tags'] as const;
type Local = (typeof LOCAL)[number];

const dateOf = (day: number): string => new Date(START + day * DAY).toISOString().slice(0, 10);
const dayOf = (date: string): number => (Date.parse(`${date}T00:00:00Z`) - START) / DAY;

interface Plan {
  readonly i: number;
  readonly created: number;
  readonly type: (typeof TYPES)[number];
  readonly deal?: { readonly outcome: 'won' | 'lost'; readonly on: number };
  readonly hold?: 'legal' | 'compliance' | 'training';
}

const plans: Plan[] = Array.from({ length: 24 }, (_, i) => {
  const created = 15 * i;
  const deal = i % 6 === 1 ? { outcome: 'won' as const, on: created + 30 } : i % 6 === 3 ? { outcome: 'lost' as const, on: created + 20 } : undefined;
  const hold = i === 5 ? ('legal' as const) : i === 9 ? ('compliance' as const) : i === 1 ? ('training' as const) : undefined;
  return { i, created, type: TYPES[i % 4] ?? 'discovery', ...(deal ? { deal } : {}), ...(hold ? { hold } : {}) };
});

/** The periods of the two policy versions, written out by hand (days), once a deal outcome is known on `day`. */
function period(plan: Plan, artifact: Local, version: 1 | 2, day: number): number {
  if (artifact === 'summary') {
    // retention.default.summary's own line; no call-type, deal-outcome or version-2 line names
    // summaries. (It also goes with its transcript: see expectedDay.)
    return 365;
  }
  const deal = plan.deal !== undefined && day >= plan.deal.on ? plan.deal : undefined;
  if (deal?.outcome === 'won') {
    return deal.on - plan.created + 365;
  }
  if (deal?.outcome === 'lost' && (artifact === 'recording' || artifact === 'transcript')) {
    return deal.on - plan.created + 90;
  }
  if (plan.type === 'demo') {
    return 90;
  }
  if (version === 2 && artifact === 'recording') {
    return 90;
  }
  if (version === 2 && artifact === 'transcript') {
    return 120;
  }
  return 180;
}

function heldOn(plan: Plan, day: number, artifact: Local): boolean {
  switch (plan.hold) {
    case 'legal':
      return day >= plan.created + 5 && day < LEGAL_RELEASE;
    case 'compliance':
      return day >= plan.created + 1;
    case 'training': {
      if (artifact === 'summary') {
        return false; // the training-library exemption does not list summaries
      }
      const created = new Date(START + plan.created * DAY);
      const lapse = dayOf(new Date(Date.UTC(created.getUTCFullYear() + 2, created.getUTCMonth(), created.getUTCDate())).toISOString().slice(0, 10));
      return day >= plan.created + 2 && day < lapse;
    }
    case undefined:
      return false;
    default:
      return assertNever(plan.hold);
  }
}

/**
 * The oracle: the first simulated day on which the artifact is due under the policy then in force
 * and not held. A summary goes on the earlier of its own day and its transcript's (it quotes the
 * transcript and never outlives it); no hold here covers the summary without the transcript.
 */
function expectedDay(plan: Plan, artifact: Local): number | undefined {
  if (artifact === 'summary') {
    const own = ownDay(plan, 'summary');
    const transcript = ownDay(plan, 'transcript');
    return own === undefined ? transcript : transcript === undefined ? own : Math.min(own, transcript);
  }
  return ownDay(plan, artifact);
}

/** The day the call's row goes: the day its last content artifact goes, not later. */
function expectedRemoval(plan: Plan): number | undefined {
  const days = LOCAL.map((artifact) => expectedDay(plan, artifact));
  return days.some((d) => d === undefined) ? undefined : Math.max(...(days as number[]));
}

function ownDay(plan: Plan, artifact: Local): number | undefined {
  for (let day = plan.created; day <= END; day += 1) {
    const version = day >= POLICY_CHANGE ? 2 : 1;
    if (!heldOn(plan, day, artifact) && day >= plan.created + period(plan, artifact, version, day)) {
      return day;
    }
  }
  return undefined;
}

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

describe('two simulated years of retention', () => {
  it('destroys exactly the expected artifacts on the expected days, and nothing held', { timeout: 240_000 }, async () => {
    const shipped = fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/policy/default-policy.yaml'), 'utf8');
    const policyFile = path.join(tempDir(), 'policy.yaml');
    // The test's policy: the shipped one with demos kept 90 days (a call-type rule a personal install can record).
    const v1 = shipped.replace('    legal-discussion: { recording: 90d', '    demo: { recording: 90d, transcript: 90d, notes: 90d, tags: 90d }\n    legal-discussion: { recording: 90d');
    expect(v1).not.toBe(shipped);
    fs.writeFileSync(policyFile, v1);
    const f = await retentionFixture('2027-01-04T10:00:00.000Z', { CALLVAULT_POLICY: policyFile });
    open.push(f);
    const crypto = f.session.crypto;
    const issuer = crypto.newSigningKeyPair();
    f.vault().settings.write(TRUSTED_HOLD_ISSUERS, [{ keyId: 'org-1', publicKey: Buffer.from(issuer.publicKey).toString('base64'), roles: ['hr-and-legal', 'enablement'] }]);

    const ids = new Map<number, string>();
    const actual = new Map<string, number>();
    const heldDestroyed: string[] = [];
    const removed = new Map<string, number>();
    for (let day = 0; day <= END; day += 1) {
      if (day > 0) {
        f.clock.advanceDays(1);
      }
      for (const plan of plans) {
        if (plan.created === day) {
          const { recordingId } = await f.addCall(plan.type, `call${String(plan.i)}`);
          ids.set(plan.i, recordingId);
          await f.call('summary.draft', { recordingId, drafter: 'extractive' });
        }
        const recordingId = ids.get(plan.i);
        if (recordingId === undefined) {
          continue;
        }
        if (plan.deal?.on === day) {
          await f.call('retention.setDealOutcome', { recordingId, outcome: plan.deal.outcome, decidedOn: dateOf(day) });
        }
        const grant = (exemptionId: string, role: 'hr-and-legal' | 'enablement', action: 'issue' | 'release' = 'issue') =>
          signHold(crypto, issuer.secretKey, { v: 1, action, holdId: `hold-${String(plan.i)}-${exemptionId}`, recordingId, exemptionId, issuerKeyId: 'org-1', issuerRole: role, issuedAt: f.clock.now().toISOString() });
        if (plan.hold === 'legal' && day === plan.created + 5) {
          await f.call('holds.acceptSigned', { signed: grant('legal-hold', 'hr-and-legal') });
        }
        if (plan.hold === 'legal' && day === LEGAL_RELEASE) {
          await f.call('holds.acceptSigned', { signed: grant('legal-hold', 'hr-and-legal', 'release') });
        }
        if (plan.hold === 'compliance' && day === plan.created + 1) {
          await f.call('holds.issue', { recordingId, exemptionId: 'compliance' });
        }
        if (plan.hold === 'training' && day === plan.created + 2) {
          await f.call('holds.acceptSigned', { signed: grant('training-library', 'enablement') });
        }
      }
      if (day === POLICY_CHANGE) {
        const v2 = v1.replace('    recording: 180d\n    transcript: 180d\n', '    recording: 90d\n    transcript: 120d\n');
        expect(v2).not.toBe(v1);
        fs.writeFileSync(policyFile, v2);
      }
      const report = await f.call('retention.run', { dryRun: false });
      expect(report.day).toBe(dateOf(day));
      for (const recordingId of report.recordingsRemoved) {
        removed.set(recordingId, day);
      }
      for (const item of report.destroyed) {
        actual.set(`${item.recordingId}/${item.artifact}`, day);
        const plan = plans.find((p) => ids.get(p.i) === item.recordingId);
        if (plan !== undefined && heldOn(plan, day, item.artifact as Local)) {
          heldDestroyed.push(`${String(plan.i)}/${item.artifact} on ${dateOf(day)}`);
        }
      }
    }

    const expected = new Map<string, number>();
    for (const plan of plans) {
      for (const artifact of LOCAL) {
        const day = expectedDay(plan, artifact);
        if (day !== undefined) {
          expected.set(`${ids.get(plan.i) ?? '?'}/${artifact}`, day);
        }
      }
    }
    const show = (m: Map<string, number>) => [...m].map(([k, d]) => `${k} ${dateOf(d)}`).sort();
    expect(show(actual)).toEqual(show(expected));
    expect(heldDestroyed).toEqual([]);
    // Each call's row goes on the day its last content artifact goes (the summary no longer keeps it waiting).
    const expectedRemoved = new Map<string, number>();
    for (const plan of plans) {
      const day = expectedRemoval(plan);
      if (day !== undefined) {
        expectedRemoved.set(ids.get(plan.i) ?? '?', day);
      }
    }
    expect(show(removed)).toEqual(show(expectedRemoved));
    expect(removed.size).toBeGreaterThan(10);
    for (const id of removed.keys()) {
      expect(f.vault().retention.row(id)).toBeUndefined();
    }
    // With the shipped summary line (365 days) the rows would have waited; here every summary went with its transcript or before.
    for (const plan of plans) {
      const t = actual.get(`${ids.get(plan.i) ?? '?'}/transcript`);
      const sm = actual.get(`${ids.get(plan.i) ?? '?'}/summary`);
      if (t !== undefined) {
        expect(sm).toBeDefined();
        expect(sm ?? Infinity).toBeLessThanOrEqual(t);
      }
    }
    // The compliance-held call keeps everything; the legal hold kept its call until the release day.
    expect([...actual.keys()].filter((k) => k.startsWith(`${ids.get(9) ?? '?'}/`))).toEqual([]);
    expect(Math.min(...[...actual].filter(([k]) => k.startsWith(`${ids.get(5) ?? '?'}/`)).map(([, d]) => d))).toBe(LEGAL_RELEASE);
    expect(actual.size).toBeGreaterThan(80);
    expect(f.vault().audit.verify().ok).toBe(true);
  });
});
