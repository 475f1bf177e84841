// Where "New recording" starts: the policy must be valid, and acknowledged, before the form.
import type { MethodOutput } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import type { AcknowledgmentView } from '../policy/acknowledgment-screen';

export type Overview = MethodOutput<'policy.overview'>;
export type CallType = Overview['callTypes'][number];

export type PolicyCheck =
  | { kind: 'failed'; message: string }
  | { kind: 'blocked'; overview: Overview }
  | { kind: 'acknowledge'; view: AcknowledgmentView; origin: Overview['origin'] }
  | { kind: 'ready'; callTypes: readonly CallType[]; origin: Overview['origin'] };

export async function checkPolicy(): Promise<PolicyCheck> {
  const overview = await call('policy.overview', {});
  if (!overview.ok) {
    return { kind: 'failed', message: describeError(overview.error) };
  }
  if (!overview.value.ok) {
    return { kind: 'blocked', overview: overview.value };
  }
  const acknowledgment = await call('policy.acknowledgment', {});
  if (!acknowledgment.ok) {
    return { kind: 'failed', message: describeError(acknowledgment.error) };
  }
  if (acknowledgment.value.needed) {
    return { kind: 'acknowledge', view: acknowledgment.value, origin: overview.value.origin };
  }
  return { kind: 'ready', callTypes: overview.value.callTypes, origin: overview.value.origin };
}
