// The policy's identifiers in words a rep reads: roles, call-type rules and consent actions.
import type { MethodOutput } from '../../../shared/contract';

export type RoleId = MethodOutput<'profile.roles'>[number];

export const ROLE_LABELS: Readonly<Record<RoleId, string>> = {
  rep: 'Sales rep',
  manager: 'Manager',
  'sales-leadership': 'Sales leadership',
  enablement: 'Enablement',
  'product-and-marketing': 'Product and marketing',
  'hr-and-legal': 'HR and legal',
  admin: 'Policy administrator',
};

export function roleLabel(id: string): string {
  return (ROLE_LABELS as Readonly<Record<string, string>>)[id] ?? humanize(id);
}

/** How a call-type rule reads next to the call type. */
export function ruleText(rule: string): string {
  switch (rule) {
    case 'standard':
      return 'Standard: may be recorded once consent is given';
    case 'optional':
      return 'Optional: your choice; consent still applies';
    case 'requires-approval':
      return 'Requires approval: recorded only with an approver’s decision';
    case 'prohibited':
      return 'Prohibited: never recorded';
    default:
      return humanize(rule);
  }
}

const ACTIONS: Readonly<Record<string, string>> = {
  'stop-recording': 'Stop the recording (CallVault has stopped; nothing more is captured)',
  'continue-meeting-without-recording': 'Continue the meeting without recording',
  'take-manual-notes': 'Take manual notes below (kept encrypted in your vault)',
  'remove-ai-assistant': 'Remove any AI note-taker or assistant from the meeting',
  'log-response': 'The answer is logged in this call’s consent record',
  'notify-manager': 'Tell your manager if needed',
  'pause-recording': 'Pause the recording',
  'disclose-recording': 'Tell the new participant the call is being recorded',
  'ask-consent': 'Ask for their consent',
};

export function actionText(id: string): string {
  return ACTIONS[id] ?? humanize(id);
}

function humanize(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.length > 0 ? words.charAt(0).toUpperCase() + words.slice(1) : id;
}
