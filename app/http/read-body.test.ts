import { createServer } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BodyTooLargeError, readBody } from "./read-body.js";

let url: string;
const server = createServer(async (req, res) => {
  try {
    const body = await readBody(req, 10);
    res.writeHead(200).end(`read ${body.length}`);
  } catch (error) {
    res
      .writeHead(error instanceof BodyTooLargeError ? 413 : 500, { connection: "close" })
      .end((error as Error).message);
  }
});
beforeAll(
  () =>
    new Promise<void>((resolve) =>
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
        resolve();
      }),
    ),
);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("reads a body within the limit", async () => {
  const response = await fetch(url, { method: "POST", body: "0123456789" });
  expect(await response.text()).toBe("read 10");
});

it("refuses a streamed body that passes the limit, and can still answer", async () => {
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode("abcd"));
      controller.close();
    },
  });
  const response = await fetch(url, {
    method: "POST",
    body: stream,
    duplex: "half",
  } as RequestInit);
  expect(response.status).toBe(413);
  expect(await response.text()).toBe("Body exceeds the 10-byte limit");
});
