import type { LintFigures } from "../qa-step.js";
import { clip } from "./text-tools.js";

type Problem = NonNullable<LintFigures["problems"]>[number];

/** Counts lint problems as they are read, keeping the first 200 with their locations. */
export function createLintTally() {
  const figures = { errors: 0, warnings: 0, problems: [] as Problem[] };
  return {
    add(problem: Omit<Problem, "message"> & { message: string }) {
      if (problem.severity === "error") figures.errors += 1;
      else figures.warnings += 1;
      // Errors first: when the list is full they are what the gate is about.
      if (figures.problems.length < 200) {
        figures.problems.push({ ...problem, message: clip(problem.message, 2_000) });
      }
    },
    result(): LintFigures {
      const rank = (p: Problem) => (p.severity === "error" ? 0 : 1);
      return { ...figures, problems: [...figures.problems].sort((a, b) => rank(a) - rank(b)) };
    },
  };
}
