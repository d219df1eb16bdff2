import type { TransactionSql } from "postgres";
import { ROWS, rowsPart, type StatementPart, writeTogether } from "./write-together.js";

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
  const row = {
    work_item_id: decision.workItemId,
    actor_login: decision.actorLogin,
    actor_id: decision.actorId,
    command: decision.command,
    args: decision.args ?? "",
    sha: decision.sha ?? null,
    source: decision.source,
    source_url: decision.sourceUrl ?? null,
    delivery_id: decision.deliveryId,
    accepted: decision.accepted,
    reason: decision.reason ?? null,
  };
  return rowsPart("decision", [row])`
    INSERT INTO decisions (work_item_id, actor_login, actor_id, command, args, sha, source, source_url,
                           delivery_id, accepted, reason)
    SELECT work_item_id, actor_login, actor_id, command, args, sha, source, source_url,
      delivery_id, accepted, reason
    FROM jsonb_to_recordset(${ROWS}) AS decision (work_item_id bigint, actor_login text, actor_id bigint,
      command text, args text, sha text, source text, source_url text, delivery_id text,
      accepted boolean, reason text)`;
}
