import type { ProbotOctokit } from "probot";
import { expect, it } from "vitest";
import { createInstallationOctokits } from "./installation-octokits.js";

function counting() {
  const built: number[] = [];
  const authenticate = async (installationId: number) => {
    built.push(installationId);
    return { installationId } as unknown as ProbotOctokit;
  };
  return { built, authenticate };
}

it("builds one Octokit per installation and hands the same one to every later delivery", async () => {
  const { built, authenticate } = counting();
  const octokits = createInstallationOctokits(authenticate);
  const [a, b] = await Promise.all([octokits.get(1), octokits.get(1)]);
  expect(a).toBe(b);
  expect(await octokits.get(2)).not.toBe(a);
  expect(built).toEqual([1, 2]);
});

it("drops the least recently used installation beyond its bound", async () => {
  const { built, authenticate } = counting();
  const octokits = createInstallationOctokits(authenticate, { max: 2 });
  await octokits.get(1);
  await octokits.get(2);
  await octokits.get(1); // 2 is now the least recently used
  await octokits.get(3);
  await octokits.get(1);
  await octokits.get(2);
  expect(built).toEqual([1, 2, 3, 2]);
});

it("does not remember a failure: the next delivery tries again", async () => {
  let fail = true;
  const octokits = createInstallationOctokits(async (installationId) => {
    if (fail) throw new Error("private key rejected");
    return { installationId } as unknown as ProbotOctokit;
  });
  await expect(octokits.get(7)).rejects.toThrow("private key rejected");
  fail = false;
  await expect(octokits.get(7)).resolves.toEqual({ installationId: 7 });
});
