// The review layer's public entry: read a series, review it against a tree, render the result.
export { reviewSeries, type ReviewInput } from './review';
export { findingsOnPatchFile, type PatchFileFindings } from './patch-file';
export { parsePatchText, readSeriesFiles, parsePlainDiff } from './series';
export { readGitRange, isSafeRange, type GitSeries } from './git-range';
export { defaultEngine, type EngineOptions } from './default-engine';
export { formatReviewText } from './format-text';
export { replyDrafts, emlText, mboxText, type ReplyDraft, type ReplyOptions } from './reply-mail';
export type { ReviewEngine } from './engine';
export { PatchError } from './types';
export type { ParsedPatch, FilePatch, Hunk, ReviewResult, PatchReview, ReviewFinding, MapChange } from './types';
