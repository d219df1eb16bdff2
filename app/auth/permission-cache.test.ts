import { describe, expect, it, vi } from "vitest";
import { createPermissionCache } from "./permission-cache.js";

function setup(maxEntries = 10) {
  let now = 0;
  const cache = createPermissionCache<string>({ ttlMs: 1_000, maxEntries, now: () => now });
  const load = vi.fn(async () => `answer ${load.mock.calls.length}`);
  return { cache, load, advance: (ms: number) => (now += ms) };
}

describe("createPermissionCache", () => {
  it("loads once while the answer is fresh", async () => {
    const { cache, load, advance } = setup();
    expect(await cache.remember("k", load)).toBe("answer 1");
    advance(999);
    expect(await cache.remember("k", load)).toBe("answer 1");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("loads again once the answer has expired", async () => {
    const { cache, load, advance } = setup();
    await cache.remember("k", load);
    advance(1_000);
    expect(await cache.remember("k", load)).toBe("answer 2");
  });

  it("shares one load between concurrent callers", async () => {
    const { cache, load } = setup();
    const answers = await Promise.all([cache.remember("k", load), cache.remember("k", load)]);
    expect(answers).toEqual(["answer 1", "answer 1"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("does not remember a failure", async () => {
    const { cache } = setup();
    await expect(cache.remember("k", () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect(await cache.remember("k", async () => "recovered")).toBe("recovered");
  });

  it("evicts the least recently used entry beyond its bound", async () => {
    const { cache, load } = setup(2);
    await cache.remember("a", load);
    await cache.remember("b", load);
    await cache.remember("a", load); // a is now the most recently used
    await cache.remember("c", load); // evicts b
    await cache.remember("a", load);
    expect(load).toHaveBeenCalledTimes(3);
    await cache.remember("b", load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
