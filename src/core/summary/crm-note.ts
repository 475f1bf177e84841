/** A reviewed summary as plain text for a CRM's notes field: sections in order, each item with its moment. */
import { SECTION_TITLES, SUMMARY_SECTIONS, type SummaryContent, type SummarySegment } from './summary';

export interface CrmNoteDetails {
  readonly title: string;
  /** Null for a draft (let out for a use the policy does not require review before): the note says so. */
  readonly reviewedAt: string | null;
  readonly reviewedBy: string | null;
  readonly transcriptVersion: number;
}

export function crmNote(content: SummaryContent, segments: readonly Pick<SummarySegment, 'index' | 'startMs'>[], details: CrmNoteDetails): string {
  const at = new Map(segments.map((s) => [s.index, s.startMs]));
  const lines = [
    `Call summary: ${details.title}`,
    details.reviewedAt === null || details.reviewedBy === null
      ? `AI draft. Not reviewed. (transcript version ${details.transcriptVersion})`
      : `Reviewed by ${details.reviewedBy} on ${details.reviewedAt.slice(0, 10)} (transcript version ${details.transcriptVersion})`,
  ];
  for (const section of SUMMARY_SECTIONS) {
    const items = content.items.filter((item) => item.section === section);
    if (items.length === 0) {
      continue;
    }
    lines.push('', `${SECTION_TITLES[section]}:`);
    for (const item of items) {
      const notes = [item.certainty, item.owner && `owner: ${item.owner}`, item.due && `due: ${item.due}`].filter((n): n is string => typeof n === 'string' && n !== '');
      const when = item.citations.map((c) => clock(at.get(c) ?? 0)).join(', ');
      lines.push(`- ${item.text}${notes.length > 0 ? ` (${notes.join('; ')})` : ''} [${when}]`);
    }
  }
  return lines.join('\n');
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
