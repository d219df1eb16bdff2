import type { Finding } from "../../../contract/finding.js";
import type { StageResult } from "../../../contract/stage-result.js";

/** One line marked in the PR's "Files changed" view, as the Checks API takes it. */
export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

// GitHub caps an annotation's message at 64 KB; a few thousand characters are plenty to act on.
const MAX_MESSAGE = 4_000;

const LEVEL: Record<Finding["severity"], CheckRunAnnotation["annotation_level"]> = {
  error: "failure",
  warning: "warning",
  info: "notice",
};

function annotation(
  path: string,
  line: number,
  level: CheckRunAnnotation["annotation_level"],
  message: string,
): CheckRunAnnotation {
  const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
  return { path, start_line: line, end_line: line, annotation_level: level, message: text };
}

/**
 * The result's findings, failing tests and lint problems that name a file
 * and a line, in that order (a line a finding marks is not marked again).
 * Ones without a location stay in the check run's text only.
 */
export function toAnnotations(result: StageResult | null): CheckRunAnnotation[] {
  if (result === null) return [];
  const findings = result.findings.flatMap((f) =>
    f.path !== undefined && f.line !== undefined
      ? [annotation(f.path, f.line, LEVEL[f.severity], f.message)]
      : [],
  );
  const failures = (result.quality_report?.tests?.failures ?? []).flatMap((t) =>
    t.file !== undefined && t.line !== undefined
      ? [
          {
            ...annotation(t.file, t.line, "failure", t.message || t.name),
            title: t.name.slice(0, 255),
          },
        ]
      : [],
  );
  const lint = (result.quality_report?.lint.problems ?? []).flatMap((p) =>
    p.line === undefined
      ? []
      : [
          {
            ...annotation(
              p.file,
              p.line,
              p.severity === "error" ? "failure" : "warning",
              p.message,
            ),
            ...(p.rule !== undefined && { title: p.rule.slice(0, 255) }),
          },
        ],
  );
  // A finding the agent wrote about a failing test or a lint error already marks that line.
  const marked = new Set(findings.map((a) => `${a.path}:${a.start_line}`));
  const measured = [...failures, ...lint].filter((a) => !marked.has(`${a.path}:${a.start_line}`));
  return [...findings, ...measured];
}
