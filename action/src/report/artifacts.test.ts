import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stageResultSchema } from "../../../contract/stage-result.js";
import type { TranscriptEntry } from "../agent/transcript.js";
import type { ArtifactClientLike, ArtifactUploader } from "./artifact-uploader.js";
import {
  digestTranscript,
  uploadTranscriptArtifact,
  writeTranscriptFile,
} from "./transcript-file.js";
import { createActionsArtifactUploader, uploadResultArtifact } from "./upload-result-artifact.js";

const dir = mkdtempSync(join(tmpdir(), "qp-artifacts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const result = stageResultSchema.parse({
  version: 1,
  stage_run_id: 42,
  outcome: "succeeded",
  reason: "done",
  changes: [{ path: "a.txt", action: "upsert", encoding: "utf8", content: "é\n" }],
  commit_message: "implement: a",
  pr: { title: "a", body: "" },
  findings: [],
  usage: [],
  prompt_versions: {},
  transcript_digest: "b".repeat(64),
});

function recordingUploader() {
  const calls: { name: string; files: readonly string[]; root: string }[] = [];
  const uploader: ArtifactUploader = {
    async upload(name, files, root) {
      calls.push({ name, files, root });
      return { id: 7, size: 123 };
    },
  };
  return { calls, uploader };
}

describe("uploadResultArtifact", () => {
  it("writes the result as JSON only the runner's user can read, and uploads that file", async () => {
    const { calls, uploader } = recordingUploader();
    const saved = await uploadResultArtifact({ result, dir: join(dir, "results"), uploader });
    expect(saved).toEqual({
      file: join(dir, "results", "quantapilot-result-42.json"),
      artifact: { uploaded: true, name: "quantapilot-result-42", id: 7, size: 123 },
    });
    expect(JSON.parse(readFileSync(saved.file, "utf8"))).toEqual(result);
    expect(statSync(saved.file).mode & 0o777).toBe(0o600);
    expect(calls).toEqual([
      { name: "quantapilot-result-42", files: [saved.file], root: join(dir, "results") },
    ]);
  });

  it("keeps the file and says why when the upload fails", async () => {
    const failing: ArtifactUploader = { upload: () => Promise.reject(new Error("quota exceeded")) };
    const saved = await uploadResultArtifact({ result, dir, uploader: failing });
    expect(saved.artifact).toEqual({
      uploaded: false,
      name: "quantapilot-result-42",
      reason: "quota exceeded",
    });
    expect(JSON.parse(readFileSync(saved.file, "utf8")).stage_run_id).toBe(42);
  });

  it("the Actions uploader hands @actions/artifact's client the files and the retention", async () => {
    const seen: unknown[] = [];
    const client: ArtifactClientLike = {
      async uploadArtifact(...args) {
        seen.push(args);
        return { id: 9 };
      },
    };
    const uploader = createActionsArtifactUploader({ client, retentionDays: 5 });
    expect(await uploader.upload("n", ["/x/a.json"], "/x")).toEqual({ id: 9, size: undefined });
    expect(seen).toEqual([["n", ["/x/a.json"], "/x", { retentionDays: 5 }]]);
  });

  it("the real DefaultArtifactClient outside Actions fails with its own reason, which is reported", async () => {
    const token = process.env.ACTIONS_RUNTIME_TOKEN;
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    const saved = await uploadResultArtifact({
      result,
      dir,
      uploader: createActionsArtifactUploader(),
    }).finally(() => {
      if (token !== undefined) process.env.ACTIONS_RUNTIME_TOKEN = token;
    });
    expect(saved.artifact).toEqual({
      uploaded: false,
      name: "quantapilot-result-42",
      reason: expect.stringContaining("ACTIONS_RUNTIME_TOKEN"),
    });
  });
});

describe("the transcript file", () => {
  const entries: TranscriptEntry[] = [
    { type: "prompt", at: 1, system: "role", user: "task ü", cacheKey: "k" },
    { type: "note", at: 2, turn: 1, text: "line\nbreak [redacted]" },
    { type: "stop", at: 3, turn: 1, outcome: "finished", summary: "ok" },
  ];

  it("is one JSON entry per line, and its digest is the sha256 of exactly those bytes", async () => {
    const path = join(dir, "t", "transcript.jsonl");
    const written = await writeTranscriptFile(entries, path);
    const bytes = readFileSync(path);
    const lines = bytes.toString("utf8").split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
    expect(lines.slice(0, 3).map((line) => JSON.parse(line))).toEqual(entries);
    expect(written).toEqual({
      path,
      digest: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
    });
    expect(written.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes digest when any entry changes, and an empty one has the empty digest", async () => {
    const other = await writeTranscriptFile([...entries.slice(0, 2)], join(dir, "t2.jsonl"));
    const full = await writeTranscriptFile(entries, join(dir, "t3.jsonl"));
    expect(other.digest).not.toBe(full.digest);
    expect((await writeTranscriptFile([], join(dir, "t4.jsonl"))).digest).toBe(
      digestTranscript(""),
    );
    expect(digestTranscript("")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("is uploaded as quantapilot-transcript-<id> from its own directory", async () => {
    const { calls, uploader } = recordingUploader();
    const path = join(dir, "t", "transcript.jsonl");
    expect(await uploadTranscriptArtifact({ path, stageRunId: 42, uploader })).toMatchObject({
      uploaded: true,
      name: "quantapilot-transcript-42",
    });
    expect(calls).toEqual([
      { name: "quantapilot-transcript-42", files: [path], root: join(dir, "t") },
    ]);
  });
});
