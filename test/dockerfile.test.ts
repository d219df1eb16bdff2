import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile → instructions: comments dropped, `\` continuations joined. */
function parse(text: string): Instruction[] {
  const joined = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const [op = "", ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(" ") };
    });
}

const instructions = parse(readFileSync("Dockerfile", "utf8"));
const lastFrom = instructions.map((i) => i.op).lastIndexOf("FROM");
const finalStage = instructions.slice(lastFrom);

describe("Dockerfile", () => {
  it("is multi-stage", () => {
    expect(instructions.filter((i) => i.op === "FROM").length).toBeGreaterThanOrEqual(2);
  });

  it("runs the final stage as a non-root user", () => {
    const users = finalStage.filter((i) => i.op === "USER");
    const user = users.at(-1)?.args.split(":")[0];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
  });

  it("has a health check against /healthz", () => {
    const check = finalStage.find((i) => i.op === "HEALTHCHECK");
    expect(check?.args).toContain("/healthz");
  });

  it("installs only production dependencies in the final stage", () => {
    const runs = finalStage.filter((i) => i.op === "RUN").map((i) => i.args);
    expect(runs.some((args) => /npm ci\b.*--omit=dev/.test(args))).toBe(true);
  });

  it("has the dependency patches in place before each npm ci, which applies them on install", () => {
    const stages = instructions
      .map((instruction, index) => ({ ...instruction, index }))
      .filter((instruction) => instruction.op === "FROM");
    for (const [n, stage] of stages.entries()) {
      const end = stages[n + 1]?.index ?? instructions.length;
      const steps = instructions.slice(stage.index, end);
      const install = steps.findIndex((i) => i.op === "RUN" && /\bnpm ci\b/.test(i.args));
      const patches = steps.findIndex((i) => i.op === "COPY" && /\bpatches\b/.test(i.args));
      expect(install).toBeGreaterThan(-1);
      expect(patches).toBeGreaterThan(-1);
      expect(patches).toBeLessThan(install);
    }
  });

  it("bakes no secrets into ENV or ARG", () => {
    const names = instructions
      .filter((i) => i.op === "ENV" || i.op === "ARG")
      .flatMap((i) => i.args.split(/\s+/).map((pair) => pair.split("=")[0] ?? ""));
    expect(names.filter((name) => /KEY|TOKEN|SECRET|PRIVATE/i.test(name))).toEqual([]);
  });

  it("ships what the server reads at run time: migrations, prompts, app.yml and the canonical workflow", () => {
    const copied = finalStage.filter((i) => i.op === "COPY").map((i) => i.args);
    for (const path of [
      "db/migrations",
      "prompts",
      "app.yml",
      ".github/workflows/quantapilot.yml",
    ]) {
      expect(copied.some((args) => args.includes(path))).toBe(true);
    }
  });
});
