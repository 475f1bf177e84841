/**
 * Topic flags for the segments of one transcript. A confidentiality signal carries over to the
 * next turns ("Between you and me?" / "Sure." / "We're cutting forty roles in March."), so each
 * segment is flagged with the secrecy said just before it as context.
 */
import { readTopics, type TopicFlag } from './topics';

export interface SegmentTopics {
  readonly segment: number;
  readonly flags: readonly TopicFlag[];
}

/** How many following segments a secrecy cue still covers. */
const SECRECY_REACH = 2;

export function flagSegmentTopics(segments: readonly { readonly text: string }[]): SegmentTopics[] {
  const out: SegmentTopics[] = [];
  let secretUntil = -1;
  segments.forEach((segment, index) => {
    const { flags, secrecyCue } = readTopics(segment.text, index <= secretUntil);
    if (secrecyCue) {
      secretUntil = index + SECRECY_REACH;
    }
    out.push({ segment: index, flags });
  });
  return out;
}
