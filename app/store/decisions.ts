import type { TransactionSql } from "postgres";
import { part, type StatementPart, writeTogether } from "./write-together.js";

export interface Decision {
  workItemId: number;
  actorLogin: string;
  actorId: number;
  command: string;
  args?: string;
  sha?: string | null;
  source: "comment" | "review" | "check_run" | "label" | "dashboard";
  sourceUrl?: string | null;
  deliveryId: string;
  accepted: boolean;
  reason?: string | null;
}

/** Every human decision is kept: who, what, which SHA, where, when, and whether it took. */
export async function recordDecision(tx: TransactionSql, decision: Decision): Promise<void> {
  await writeTogether(tx, [decisionWrite(decision)]);
}

/** `recordDecision`'s statement, to be sent with others (`writeTogether`). */
export function decisionWrite(decision: Decision): StatementPart {
  return part("decision")`
    INSERT INTO decisions (work_item_id, actor_login, actor_id, command, args, sha, source, source_url,
                           delivery_id, accepted, reason)
    VALUES (${decision.workItemId}, ${decision.actorLogin}, ${decision.actorId}, ${decision.command},
            ${decision.args ?? ""}, ${decision.sha ?? null}, ${decision.source}, ${decision.sourceUrl ?? null},
            ${decision.deliveryId}, ${decision.accepted}, ${decision.reason ?? null})`;
}
