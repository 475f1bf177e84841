import { addDuration, formatDuration, type Duration } from './calendar';
import type { LoadedPolicy } from './policy-load';
import { RECORDING_RULES, ROLES, type Policy, type RecordingRule } from './policy-schema';

/**
 * A policy as plain text for people: `callvault policy show` prints it, and an admin can read
 * it next to the YAML to see what the app will enforce.
 */

const list = (items: readonly string[]) => (items.length === 0 ? '(none)' : items.join(', '));

function ruleWords(rule: RecordingRule): string {
  return rule.replace(/-/g, ' ');
}

function keepWords(keep: Duration | 'until-released'): string {
  return keep === 'until-released' ? 'until released' : formatDuration(keep);
}

/** "13 call types: 5 standard, 3 optional, 5 requires approval, 0 prohibited". */
export function callTypeCounts(policy: Policy): string {
  const rules = Object.values(policy.callTypes).map((c) => c.rule);
  const counts = RECORDING_RULES.map((rule) => `${rules.filter((r) => r === rule).length} ${ruleWords(rule)}`);
  return `${rules.length} call types: ${counts.join(', ')}`;
}

export function policySummaryLines(loaded: LoadedPolicy): string[] {
  const { policy } = loaded;
  const dnr = policy.doNotRecord;
  return [
    `valid policy "${policy.policy.name}" version ${policy.policy.version} (effective ${policy.policy.effectiveDate})`,
    `  ${callTypeCounts(policy)}`,
    `  ${policy.consent.scripts.length} consent scripts (default ${policy.consent.defaultScript}); ${policy.consent.allPartyRegions.length} all-party consent regions`,
    `  do not record: ${dnr.emailDomains.length} email domains, ${dnr.titleKeywords.length} title keywords, ${dnr.contacts.length} contacts`,
    `  hash: ${loaded.hash}`,
  ];
}

function reviewDates(policy: Policy): string {
  const { afterRollout, thenEvery } = policy.review;
  const steps = afterRollout.map(formatDuration);
  const schedule = `${steps.length > 0 ? `${steps.join(' and ')} after rollout, then ` : ''}every ${formatDuration(thenEvery)}`;
  const rollout = policy.policy.rolloutDate;
  if (rollout === null) {
    return `${schedule}. No rollout date is set, so no review is scheduled yet.`;
  }
  const dates = afterRollout.map((offset) => addDuration(rollout, offset));
  return `${schedule}. Rollout ${rollout}${dates.length > 0 ? `; reviews due ${dates.join(', ')}` : ''}.`;
}

export function policyTextLines(loaded: LoadedPolicy): string[] {
  const { policy } = loaded;
  const consent = policy.consent;
  const lines: string[] = [
    `Policy:    ${policy.policy.name} (${policy.policy.id}) version ${policy.policy.version}`,
    `Source:    ${loaded.source}`,
    `Hash:      ${loaded.hash}`,
    `Effective: ${policy.policy.effectiveDate}; rollout ${policy.policy.rolloutDate ?? 'not set'}`,
    '',
    'Purpose',
    `  ${policy.purpose.statement}`,
    '',
    `Call types (${callTypeCounts(policy)})`,
  ];
  const width = Math.max(...Object.keys(policy.callTypes).map((id) => id.length));
  for (const [id, callType] of Object.entries(policy.callTypes)) {
    const approvers = callType.approvers.length > 0 ? ` (approved by ${callType.approvers.join(' or ')})` : '';
    lines.push(`  ${id.padEnd(width)}  ${ruleWords(callType.rule).padEnd(17)}  ${callType.label}${approvers}`);
  }
  lines.push(
    '',
    'Do not record',
    `  Email domains (and subdomains): ${list(policy.doNotRecord.emailDomains)}`,
    `  Meeting-title keywords: ${list(policy.doNotRecord.titleKeywords.map((k) => `"${k}"`))}`,
    `  Contacts: ${list(policy.doNotRecord.contacts.map((c) => c.email))}`,
    '',
    'Consent',
    `  Consent from: ${consent.requiredFrom}; from every participant in ${list(consent.allPartyRegions)}; unknown region: ${consent.unknownRegion === 'all' ? 'every participant' : 'as the default'}`,
    ...Object.entries(consent.regionGroups).map(([group, members]) => `  Region group ${group}: ${members.join(', ')}`),
    `  Default script: ${consent.defaultScript}`,
    ...consent.scripts.map((script) => `  Script ${script.id} v${script.version}: "${script.text}"`),
    ...consent.scriptRules.map((rule) => `  Script rule: ${rule.script} for call types ${list(rule.callTypes)}, regions ${list(rule.regions)}`),
    `  On decline: ${list(consent.onDecline.actions)}`,
    `  On withdrawal: ${list(consent.onWithdrawal.actions)}; captured audio: ${consent.onWithdrawal.capturedAudio}`,
    `  On late join: ${list(consent.onLateJoin.actions)}; pause until consent: ${consent.onLateJoin.pauseUntilConsent}`,
    '',
    'Uses',
    '  Recordings are used for:',
    ...policy.uses.permitted.map((use) => `    - ${use.description} (${use.id})`),
    `  Only with additional approval from ${policy.uses.requiresApproval.approvers.join(' or ')}:`,
    ...policy.uses.requiresApproval.uses.map((use) => `    - ${use.description} (${use.id})`),
    '  Recordings are never used for:',
    ...policy.uses.neverUsedFor.map((text) => `    - ${text}`),
    '',
    'Access',
    ...ROLES.map((role) => {
      const access = policy.access.roles[role];
      const purposes = access.purposes.length > 0 ? `; for ${access.purposes.join(', ')}` : '';
      return `  ${role.padEnd(21)} ${access.scope}: ${list(access.artifacts)} (requires ${access.requires}${purposes})`;
    }),
    '',
    'Retention',
    `  Default: ${Object.entries(policy.retention.default).map(([artifact, keep]) => `${artifact} ${formatDuration(keep)}`).join(', ')}`,
    ...Object.entries(policy.retention.byCallType).map(
      ([callType, overrides]) => `  ${callType}: ${Object.entries(overrides).filter((entry): entry is [string, Duration] => entry[1] !== undefined).map(([artifact, keep]) => `${artifact} ${formatDuration(keep)}`).join(', ')}`,
    ),
    ...(policy.retention.afterDealOutcome === undefined
      ? []
      : (['won', 'lost'] as const).map(
          (outcome) => `  After a deal is ${outcome}: ${Object.entries(policy.retention.afterDealOutcome?.[outcome] ?? {}).filter((entry): entry is [string, Duration] => entry[1] !== undefined).map(([artifact, keep]) => `${artifact} ${formatDuration(keep)}`).join(', ') || 'ordinary periods'}`,
        )),
    ...policy.retention.exemptions.map((e) => `  Exemption ${e.id}: keep ${keepWords(e.keep)} (${e.appliesTo.join(', ')}), granted by ${e.grantedBy.join(' or ')}`),
    `  Deletion by ${policy.retention.deletion.whoMayDelete.join(', ')}; customer request: ${policy.retention.deletion.onCustomerRequest}; deal closed or lost: ${policy.retention.deletion.onDealClosedOrLost}`,
    '',
    'Summary review',
    `  ${policy.summaryReview.rule}`,
    `  Required before: ${list(policy.summaryReview.requiredBefore)}`,
    '',
    'Sensitive information',
    ...policy.sensitiveCategories.map((c) => `  ${c.label} (${c.id}): ${c.handling}`),
    '',
    `Tags: ${list(policy.tags.map((t) => t.id))}`,
    '',
    'Review schedule',
    `  ${reviewDates(policy)}`,
    `  Owner: ${policy.review.owner}; reviewers: ${list(policy.review.reviewers)}`,
  );
  return lines;
}
