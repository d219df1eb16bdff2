import type { FINDING_SEVERITIES } from "../../../../contract/finding.js";

/** How much a remark matters: an error must be fixed before merging. */
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** The verdicts a reviewer can give, as the model names them. */
export const VERDICTS = ["approve", "request_changes", "comment"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One inline remark, on a line of the reviewed head. */
export interface ReviewNote {
  path: string;
  line: number;
  body: string;
  severity: FindingSeverity;
}

/** What the reviewer has said so far: filled by its tools, read when the stage concludes. */
export interface ReviewNotes {
  comments: ReviewNote[];
  verdict?: Verdict;
}

/** GitHub takes at most this many inline comments in one review. */
export const MAX_REVIEW_COMMENTS = 50;
