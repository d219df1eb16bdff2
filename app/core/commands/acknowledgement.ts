/** The reactions a command's comment can get: 👀 received, 👍 done. */
export type Reaction = "eyes" | "+1";

/** What became of one command (`runCommand`'s outcome). */
export type CommandResult = "took" | "refused" | "unauthorised";

export interface AcknowledgementInput {
  results: readonly CommandResult[];
  /** Lines that looked like commands but were not (each gets a reply). */
  unknown: number;
  /** The work item is `merging` once the commands took: its outcome is still to come. */
  merging: boolean;
}

/**
 * How a comment's commands are acknowledged (#5: never silence, and no
 * request that tells the person nothing new):
 * - nobody the policy let through: no reaction, the refusal reply is the answer;
 * - everything took and is done once this delivery's effects are performed:
 *   👍 alone, queued after those effects — it says "received" too;
 * - everything took but a merge is under way: `afterMerge`, decided when the
 *   merge has been tried (👍 if it merged, 👀 while it waits for checks);
 * - otherwise 👀: received, and the replies say what did not happen.
 */
export function planAcknowledgement(input: AcknowledgementInput): {
  react: Reaction | null;
  afterMerge: boolean;
} {
  const { results, unknown, merging } = input;
  if (!results.some((result) => result !== "unauthorised")) {
    return { react: null, afterMerge: false };
  }
  const allTook = unknown === 0 && results.every((result) => result === "took");
  if (!allTook) return { react: "eyes", afterMerge: false };
  return merging ? { react: null, afterMerge: true } : { react: "+1", afterMerge: false };
}
