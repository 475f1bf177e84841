// The rep's remembered settings through the handler table: stored in the vault (typed, checked),
// the region binding the consent rules of every call they record, and the last call type kept.
import { describe, expect, it } from 'vitest';
import { callFixture, customer } from '../../helpers/call-fixture';

type Prepared = { allowed: true; call: { consentScope: string } };
const discovery = { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme discovery', participants: [customer] };

describe('settings.get / settings.set', () => {
  it('starts empty, stores what the rep sets, refuses a malformed region, and survives a lock', async () => {
    const { call, dispatch, acknowledge } = await callFixture();
    expect(await call('settings.get')).toEqual({ region: '', defaultCallType: '', microphoneId: '', recentCallType: '' });
    expect(await dispatch('settings.set', { region: 'California', defaultCallType: '', microphoneId: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await call('settings.set', { region: 'US-CA', defaultCallType: 'discovery', microphoneId: 'mic-1' });
    await acknowledge();
    await call('calls.prepare', discovery);
    await dispatch('vault.lock', {});
    expect(await dispatch('settings.get', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    await dispatch('vault.unlock', { secret: { kind: 'passphrase', passphrase: 'granite ocelot lantern mosaic 42' } });
    expect(await call('settings.get')).toEqual({ region: 'US-CA', defaultCallType: 'discovery', microphoneId: 'mic-1', recentCallType: 'discovery' });
  });

  it('binds the call to the rep’s own region: from an all-party-consent state, every participant must consent', async () => {
    const { call, acknowledge } = await callFixture();
    await acknowledge();
    const before = await call<Prepared>('calls.prepare', discovery);
    expect(before.call.consentScope).toBe('customer-side');
    await call('settings.set', { region: 'US-CA', defaultCallType: '', microphoneId: '' });
    const after = await call<Prepared>('calls.prepare', discovery);
    expect(after.call.consentScope).toBe('all');
  });
});
