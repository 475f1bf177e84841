/**
 * Whether consent allows capture right now, from the append-only consent records. Pure and
 * fail closed: a participant with no answer has not said yes, and the latest answer counts,
 * so a yes followed by a withdrawal is a no.
 */
export type ConsentAnswer = 'granted' | 'declined' | 'withdrawn';

export interface GateParticipant {
  readonly email: string;
  readonly name: string;
  /** Must answer before capture (re)starts: everyone under "all", late joiners the policy pauses for. */
  readonly mustAnswer: boolean;
}

export interface GateRecord {
  readonly participantEmail: string;
  readonly outcome: ConsentAnswer;
}

export type ConsentGate =
  | { readonly open: true }
  | { readonly open: false; readonly reason: 'declined' | 'withdrawn'; readonly who: string }
  | { readonly open: false; readonly reason: 'waiting'; readonly waitingFor: readonly string[] };

const key = (email: string) => email.trim().toLowerCase();

export function latestAnswers(records: readonly GateRecord[]): Map<string, ConsentAnswer> {
  const latest = new Map<string, ConsentAnswer>();
  for (const record of records) {
    latest.set(key(record.participantEmail), record.outcome);
  }
  return latest;
}

export function consentGate(scope: 'all' | 'customer-side', participants: readonly GateParticipant[], records: readonly GateRecord[]): ConsentGate {
  const latest = latestAnswers(records);
  for (const participant of participants) {
    const answer = latest.get(key(participant.email));
    if (answer === 'declined' || answer === 'withdrawn') {
      return { open: false, reason: answer, who: participant.name };
    }
  }
  const waitingFor = participants
    .filter((p) => (scope === 'all' || p.mustAnswer) && latest.get(key(p.email)) !== 'granted')
    .map((p) => p.name);
  if (waitingFor.length > 0) {
    return { open: false, reason: 'waiting', waitingFor };
  }
  const anyYes = participants.some((p) => latest.get(key(p.email)) === 'granted');
  return anyYes ? { open: true } : { open: false, reason: 'waiting', waitingFor: participants.map((p) => p.name) };
}
