/**
 * The Word document of a redacted transcript: the call's details, then one paragraph per segment
 * with its time and speaker, redaction marks shown as highlighted, bold text so a reader sees
 * where something was removed. It is written from what the export gate already redacted; it never
 * sees the original text.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun, type IRunOptions } from 'docx';
import type { RedactedSegment } from '../../core/export/redacted-segments';
import type { ExportDetails } from '../../core/export/transcript-formats';
import { SPEAKER_LABELS } from '../../core/transcription/merge-segments';

export async function toDocx(segments: readonly RedactedSegment[], details: ExportDetails): Promise<Uint8Array> {
  const detail = (label: string, value: string): Paragraph => new Paragraph({ children: [strong(`${label}: `), new TextRun(value)] });
  const clip = details.clip;
  const document = new Document({
    creator: 'CallVault',
    title: details.title,
    description: 'Redacted call transcript exported by CallVault after review',
    sections: [
      {
        children: [
          new Paragraph({ text: details.title, heading: HeadingLevel.HEADING_1 }),
          detail('Call type', details.callType),
          detail('Started', details.startedAt),
          detail('Duration', clock(details.durationMs)),
          detail('Part exported', clip ? `${clock(clip.fromMs)}–${clock(clip.toMs)}` : 'the whole call'),
          detail('Transcript version', String(details.transcriptVersion)),
          detail('Redaction reviewed', `${details.reviewedAt} by ${details.reviewedBy}`),
          new Paragraph({
            children: [new TextRun(styled('Text in [BRACKETS], highlighted, was redacted before export.', { italics: true }))],
            alignment: AlignmentType.LEFT,
          }),
          new Paragraph({ text: 'Transcript', heading: HeadingLevel.HEADING_2 }),
          ...segments.map((segment) => new Paragraph({ children: [strong(`[${clock(segment.startMs)}] ${SPEAKER_LABELS[segment.speaker]}: `), ...runs(segment)] })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** The segment's text as runs, each redaction mark its own highlighted, bold run. */
function runs(segment: RedactedSegment): TextRun[] {
  const out: TextRun[] = [];
  let cursor = 0;
  for (const mark of segment.marks) {
    if (mark.start > cursor) {
      out.push(new TextRun(segment.text.slice(cursor, mark.start)));
    }
    out.push(new TextRun(styled(segment.text.slice(mark.start, mark.end), { bold: true, highlight: 'lightGray' })));
    cursor = mark.end;
  }
  if (cursor < segment.text.length) {
    out.push(new TextRun(segment.text.slice(cursor)));
  }
  return out;
}

/** Run options typed as docx's own (the property names alone would read as String.prototype's). */
function styled(text: string, style: Omit<IRunOptions, 'text'>): IRunOptions {
  return { ...style, text };
}

function strong(text: string): TextRun {
  return new TextRun(styled(text, { bold: true }));
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${m}:${s}` : `${m}:${s}`;
}
