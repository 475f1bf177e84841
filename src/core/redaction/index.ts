/** Public surface of the redaction layer; other layers import from here only. */
export { detectSensitive, resolveOverlaps } from './detect';
export { normalise, toOriginalSpan, type NormalisedText, type Span } from './normalise';
export { flagTopics, TOPICS } from './topics';
export { applyTopicPolicy, actionRank } from './topic-policy';
export type { Topic, TopicAction, TopicPolicy, TopicFlag } from './topics';
export type { TopicDecision, TopicPolicyResult } from './topic-policy';
export { redactText, redactSegments, mergeSpans, placeholderFor, topicPlaceholder, type RedactionSpan } from './redact-text';
export { muteRanges, mergeTimeRanges, type TimeRange, type Replacement, type MuteOptions } from './audio-mute';
export { findingsToTimeRanges } from './time-ranges';
export type { TimedWord, TimedSegment, TimeMapping, TimeMappingOptions, CharSpan } from './time-ranges';
export { startReview, addFinding, dismissFinding, restoreFinding, finalRedactionSet, findingId, ReviewError } from './review';
export type { ReviewState, ReviewedFinding, Dismissal, FindingId, FindingOrigin } from './review';
export { FINDING_TYPES, isFindingType, confidence, type Finding, type FindingType, type Confidence, type RuleId } from './types';
export { scanTranscript, transcriptText, type ScanSegment, type SegmentFinding, type TranscriptScan } from './transcript-scan';
export { flagSegmentTopics, type SegmentTopics } from './segment-topics';
