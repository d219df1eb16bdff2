import type { PermissionLevel } from "../../../contract/config.js";
import type { Requirement } from "./authorise.js";
import { quoteForReply } from "./quote-for-reply.js";

/** A refused command: who sent it, why it was refused, and their comment. */
export type Refusal = {
  login: string;
  reason: string;
  required: Requirement;
  actual: PermissionLevel | "none";
  commentBody: string;
};

const describeRequirement = (required: Requirement) =>
  required === "approver" ? "being listed as an approver" : `\`${required}\` access`;
const describeActual = (actual: PermissionLevel | "none") =>
  actual === "none" ? "no access" : `\`${actual}\` access`;

/**
 * The reply to a refused command: `@user: <reason>`, the level required and
 * the level they have, and their comment in a collapsed block. The comment
 * is quoted with `quoteForReply`, so parsing this reply finds no command.
 */
export function renderRefusal({ login, reason, required, actual, commentBody }: Refusal): string {
  return [
    `@${login}: ${reason}`,
    "",
    `Required: ${describeRequirement(required)}. You have: ${describeActual(actual)}. Nothing was changed.`,
    "",
    "<details><summary>Your comment</summary>",
    "",
    quoteForReply(commentBody),
    "",
    "</details>",
  ].join("\n");
}
