import { approximateDays } from './calendar';
import { normaliseRegion } from './policy-primitives';
import { REQUIRED_CALL_TYPES, ROLES, type ConsentAction, type Policy } from './policy-schema';

/** A problem found in a policy that the schema accepted: where it is and why it is wrong. */
export interface PolicyIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Rules that span fields: references between sections resolve, ids are unique, and consent
 * behaviour never lets recording go on after a "no". Returns every issue, not just the first,
 * so one edit-validate round fixes the whole file.
 */
export function checkPolicy(policy: Policy): PolicyIssue[] {
  return [...checkCallTypes(policy), ...checkDoNotRecord(policy), ...checkConsent(policy), ...checkUses(policy), ...checkAccess(policy), ...checkRetention(policy), ...checkLists(policy), ...checkReview(policy)];
}

function duplicates<T>(items: readonly T[], key: (item: T) => string, path: readonly (string | number)[], what: string): PolicyIssue[] {
  const seen = new Set<string>();
  const issues: PolicyIssue[] = [];
  items.forEach((item, index) => {
    const value = key(item);
    if (seen.has(value)) {
      issues.push({ path: [...path, index], message: `duplicate ${what} "${value}": each may appear once` });
    }
    seen.add(value);
  });
  return issues;
}

function checkCallTypes(policy: Policy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const id of REQUIRED_CALL_TYPES) {
    if (!Object.hasOwn(policy.callTypes, id)) {
      issues.push({ path: ['callTypes'], message: `missing call type "${id}": every standard call type needs a rule (use "prohibited" to forbid it)` });
    }
  }
  for (const [id, callType] of Object.entries(policy.callTypes)) {
    const gated = callType.rule === 'requires-approval' || callType.rule === 'prohibited';
    if (gated && callType.reason === undefined) {
      issues.push({ path: ['callTypes', id], message: `a ${callType.rule} call type needs a "reason": the rep is shown it when recording is blocked` });
    }
    if (callType.rule === 'requires-approval' && callType.approvers.length === 0) {
      issues.push({ path: ['callTypes', id, 'approvers'], message: 'a requires-approval call type must list the roles that may approve it' });
    }
    if (callType.rule !== 'requires-approval' && callType.approvers.length > 0) {
      issues.push({ path: ['callTypes', id, 'approvers'], message: `approvers apply only to requires-approval call types, not to ${callType.rule}` });
    }
  }
  return issues;
}

function checkDoNotRecord(policy: Policy): PolicyIssue[] {
  const { emailDomains, titleKeywords, contacts } = policy.doNotRecord;
  return [
    ...duplicates(emailDomains, (d) => d, ['doNotRecord', 'emailDomains'], 'email domain'),
    ...duplicates(titleKeywords, (k) => k, ['doNotRecord', 'titleKeywords'], 'title keyword'),
    ...duplicates(contacts, (c) => c.email, ['doNotRecord', 'contacts'], 'contact'),
  ];
}

/** Region entries name either a defined group or an ISO code; anything else is a typo. */
function checkRegionRefs(entries: readonly string[], groups: ReadonlySet<string>, path: readonly (string | number)[]): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  entries.forEach((entry, index) => {
    if (!groups.has(entry) && normaliseRegion(entry) === undefined) {
      issues.push({ path: [...path, index], message: `unknown region group "${entry}": define it under consent.regionGroups or use an ISO 3166 code` });
    }
  });
  return issues;
}

function requireActions(actions: readonly ConsentAction[], needed: readonly ConsentAction[], path: readonly string[], why: string): PolicyIssue[] {
  return needed.filter((action) => !actions.includes(action)).map((action) => ({ path: [...path], message: `must include "${action}": ${why}` }));
}

function checkConsent(policy: Policy): PolicyIssue[] {
  const consent = policy.consent;
  const scriptIds = new Set(consent.scripts.map((s) => s.id));
  const groups = new Set(Object.keys(consent.regionGroups));
  const issues: PolicyIssue[] = [...duplicates(consent.scripts, (s) => s.id, ['consent', 'scripts'], 'consent script id')];
  if (!scriptIds.has(consent.defaultScript)) {
    issues.push({ path: ['consent', 'defaultScript'], message: `no consent script has id "${consent.defaultScript}" (scripts: ${[...scriptIds].join(', ')})` });
  }
  consent.scriptRules.forEach((rule, index) => {
    if (!scriptIds.has(rule.script)) {
      issues.push({ path: ['consent', 'scriptRules', index, 'script'], message: `no consent script has id "${rule.script}"` });
    }
    rule.callTypes.forEach((callType, at) => {
      if (!Object.hasOwn(policy.callTypes, callType)) {
        issues.push({ path: ['consent', 'scriptRules', index, 'callTypes', at], message: `unknown call type "${callType}": it is not defined under callTypes` });
      }
    });
    issues.push(...checkRegionRefs(rule.regions, groups, ['consent', 'scriptRules', index, 'regions']));
  });
  issues.push(...checkRegionRefs(consent.allPartyRegions, groups, ['consent', 'allPartyRegions']));
  issues.push(...duplicates(consent.allPartyRegions, (r) => r, ['consent', 'allPartyRegions'], 'region'));
  const neverAfterNo = 'recording must stop when someone says no (fail closed)';
  issues.push(...requireActions(consent.onDecline.actions, ['stop-recording'], ['consent', 'onDecline', 'actions'], neverAfterNo));
  issues.push(...requireActions(consent.onWithdrawal.actions, ['stop-recording'], ['consent', 'onWithdrawal', 'actions'], neverAfterNo));
  issues.push(
    ...requireActions(consent.onLateJoin.actions, ['disclose-recording', 'ask-consent'], ['consent', 'onLateJoin', 'actions'], 'someone who joins late has not heard the disclosure'),
  );
  return issues;
}

function useIds(policy: Policy): Set<string> {
  return new Set([...policy.uses.permitted, ...policy.uses.requiresApproval.uses].map((u) => u.id));
}

function checkUses(policy: Policy): PolicyIssue[] {
  const permitted = new Set(policy.uses.permitted.map((u) => u.id));
  const issues = duplicates(policy.uses.permitted, (u) => u.id, ['uses', 'permitted'], 'use');
  policy.uses.requiresApproval.uses.forEach((use, index) => {
    if (permitted.has(use.id)) {
      issues.push({ path: ['uses', 'requiresApproval', 'uses', index], message: `use "${use.id}" is listed both as permitted and as requiring approval` });
    }
  });
  return [...issues, ...duplicates(policy.uses.requiresApproval.uses, (u) => u.id, ['uses', 'requiresApproval', 'uses'], 'use')];
}

function checkAccess(policy: Policy): PolicyIssue[] {
  const uses = useIds(policy);
  const issues: PolicyIssue[] = [];
  for (const role of ROLES) {
    const access = policy.access.roles[role];
    const path = ['access', 'roles', role];
    if (access.scope === 'none' && access.artifacts.length > 0) {
      issues.push({ path: [...path, 'artifacts'], message: 'a role with scope "none" cannot list artifacts' });
    }
    if (access.scope !== 'none' && access.artifacts.length === 0) {
      issues.push({ path: [...path, 'artifacts'], message: `list the artifacts this role may open (or set scope to "none")` });
    }
    access.purposes.forEach((purpose, index) => {
      if (!uses.has(purpose)) {
        issues.push({ path: [...path, 'purposes', index], message: `unknown use "${purpose}": purposes must be ids listed under uses` });
      }
    });
  }
  return issues;
}

function checkRetention(policy: Policy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const [callType, overrides] of Object.entries(policy.retention.byCallType)) {
    if (!Object.hasOwn(policy.callTypes, callType)) {
      issues.push({ path: ['retention', 'byCallType', callType], message: `unknown call type "${callType}": it is not defined under callTypes` });
    } else if (Object.keys(overrides).length === 0) {
      issues.push({ path: ['retention', 'byCallType', callType], message: 'list at least one artifact with its retention period' });
    }
  }
  const countsFromOutcome = policy.retention.deletion.onDealClosedOrLost === 'count-from-outcome';
  if (countsFromOutcome && policy.retention.afterDealOutcome === undefined) {
    issues.push({ path: ['retention', 'deletion', 'onDealClosedOrLost'], message: '"count-from-outcome" needs retention.afterDealOutcome: the periods counted from a deal marked won or lost' });
  }
  if (!countsFromOutcome && policy.retention.afterDealOutcome !== undefined) {
    issues.push({ path: ['retention', 'afterDealOutcome'], message: 'these periods are read only when deletion.onDealClosedOrLost is "count-from-outcome"' });
  }
  return [...issues, ...duplicates(policy.retention.exemptions, (e) => e.id, ['retention', 'exemptions'], 'exemption id')];
}

function checkLists(policy: Policy): PolicyIssue[] {
  return [
    ...duplicates(policy.tags, (t) => t.id, ['tags'], 'tag id'),
    ...policy.tags.flatMap((tag, index) => checkTagSuggest(tag, index)),
    ...duplicates(policy.sensitiveCategories, (c) => c.id, ['sensitiveCategories'], 'sensitive category id'),
  ];
}

function checkTagSuggest(tag: Policy['tags'][number], index: number): PolicyIssue[] {
  const rule = tag.suggest;
  if (rule === undefined) {
    return [];
  }
  const path = ['tags', index, 'suggest'];
  const issues: PolicyIssue[] = [];
  if (rule.phrases.length + rule.competitors.length + rule.words.length === 0) {
    issues.push({ path, message: `tag "${tag.id}" has a suggest rule with no phrases, competitors or words, so it would never suggest anything: list some, or remove suggest` });
  }
  rule.words.forEach((word, i) => {
    if (word.includes(' ')) {
      issues.push({ path: [...path, 'words', i], message: `"${word}" is more than one word: put it under phrases` });
    }
  });
  const seen = new Set<string>();
  for (const list of ['phrases', 'competitors', 'words'] as const) {
    rule[list].forEach((term, i) => {
      if (seen.has(term)) {
        issues.push({ path: [...path, list, i], message: `duplicate suggestion word or phrase "${term}": each may appear once per tag` });
      }
      seen.add(term);
    });
  }
  return issues;
}

function checkReview(policy: Policy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  policy.review.afterRollout.forEach((offset, index, all) => {
    const previous = index > 0 ? all[index - 1] : undefined;
    if (previous && approximateDays(offset) <= approximateDays(previous)) {
      issues.push({ path: ['review', 'afterRollout', index], message: 'reviews after rollout must be listed in increasing order, like [30d, 90d]' });
    }
  });
  return issues;
}
