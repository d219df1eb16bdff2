const MAX_REASON = 1_000;
const MAX_DETAILS = 5;

type Detail = { path?: unknown; message?: unknown };

function describeDetails(body: Record<string, unknown>): string[] {
  if (Array.isArray(body.reasons)) return body.reasons.filter((r) => typeof r === "string");
  if (!Array.isArray(body.errors)) return [];
  return (body.errors as Detail[]).flatMap((e) =>
    typeof e?.message === "string"
      ? [typeof e.path === "string" && e.path !== "" ? `${e.path}: ${e.message}` : e.message]
      : [],
  );
}

/**
 * The app's answer as one sentence for the job log and summary: its `error`
 * (or, for a refusal, that it refused) and the first few details it gave —
 * field errors for a 400, reasons for a 422. Falls back to the status and
 * the start of the body when it is not the app's JSON (a proxy's page).
 */
export function describeAppAnswer(status: number, text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    const start = text.replace(/\s+/g, " ").trim().slice(0, 200);
    return `The app answered ${status}${start === "" ? "" : `: ${start}`}`.slice(0, MAX_REASON);
  }
  const record = body as Record<string, unknown>;
  const head =
    typeof record.error === "string"
      ? record.error
      : record.status === "refused"
        ? "The app refused the result."
        : `The app answered ${status}.`;
  const details = describeDetails(record);
  const shown = details.slice(0, MAX_DETAILS).join("; ");
  const more = details.length > MAX_DETAILS ? `; and ${details.length - MAX_DETAILS} more` : "";
  const reason = shown === "" ? head : `${head} ${shown}${more}`;
  return reason.length <= MAX_REASON ? reason : `${reason.slice(0, MAX_REASON - 1)}…`;
}
