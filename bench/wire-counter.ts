import { connect, createServer, type Socket } from "node:net";

/** What clients sent to Postgres through the counter, by protocol message and by statement. */
export interface WireCounts {
  /** Frontend message type letter → count: Q simple query, P parse, B bind, S sync, H flush… */
  messages: Record<string, number>;
  /** First words of each executed statement ("INSERT INTO deliveries", "commit") → count. */
  statements: Record<string, number>;
  /** Chunks the clients sent: one per socket write, the statements sent together then waited for. */
  writes: number;
}

export interface WireCounter {
  url: string;
  counts: WireCounts;
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;

/**
 * A TCP relay in front of Postgres that reads the frontend protocol as it
 * passes. startServer builds its own postgres.js client, so no `debug` hook
 * can be injected; the wire sees every round trip whatever the client does.
 */
export async function startWireCounter(targetUrl: string): Promise<WireCounter> {
  const target = new URL(targetUrl);
  const counts: WireCounts = { messages: {}, statements: {}, writes: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {}); // the relay is torn down by its peer's close
    }
    client.on("data", frontendReader(counts));
    client.on("data", () => counts.writes++);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = new URL(targetUrl);
  url.port = String(typeof address === "object" && address ? address.port : 0);
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { url: url.toString(), counts, stop };
}

/** Splits one connection's byte stream into messages; the startup packet has no type byte. */
function frontendReader(counts: WireCounts): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  let startup = true;
  const prepared = new Map<string, string>();
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const header = startup ? 0 : 1;
      if (pending.length < header + 4) return;
      const end = header + pending.readInt32BE(header);
      if (pending.length < end) return;
      const message = pending.subarray(0, end);
      pending = pending.subarray(end);
      if (startup) startup = message.readInt32BE(4) === SSL_REQUEST;
      else countMessage(counts, prepared, message);
    }
  };
}

/** Statements run on Q (simple) or B (bind of a statement parsed earlier, maybe on an earlier delivery). */
function countMessage(counts: WireCounts, prepared: Map<string, string>, message: Buffer): void {
  const type = String.fromCharCode(message[0] ?? 0);
  counts.messages[type] = (counts.messages[type] ?? 0) + 1;
  const fields = cStrings(message.subarray(5), 2);
  if (type === "P") prepared.set(fields[0] ?? "", fields[1] ?? "");
  const sql = type === "Q" ? fields[0] : type === "B" ? prepared.get(fields[1] ?? "") : undefined;
  if (sql === undefined) return;
  const kind = statementKind(sql);
  counts.statements[kind] = (counts.statements[kind] ?? 0) + 1;
}

function cStrings(body: Buffer, count: number): string[] {
  const strings: string[] = [];
  let start = 0;
  while (strings.length < count) {
    const end = body.indexOf(0, start);
    if (end < 0) break;
    strings.push(body.toString("utf8", start, end));
    start = end + 1;
  }
  return strings;
}

function statementKind(sql: string): string {
  const words = sql.trim().replace(/\s+/g, " ");
  const match = /^(insert into \S+|update \S+|delete from \S+|\S+)/i.exec(words);
  return match?.[1]?.toLowerCase() ?? words;
}

/**
 * Round trips: the client's socket writes. postgres.js ends every statement
 * with a Sync, but sends the statements of one tick in one write and waits
 * for their answers together, so Syncs count statements, not waits.
 */
export function roundTrips(counts: WireCounts): number {
  return counts.writes;
}

export function snapshot(counts: WireCounts): WireCounts {
  return {
    messages: { ...counts.messages },
    statements: { ...counts.statements },
    writes: counts.writes,
  };
}

export function difference(after: WireCounts, before: WireCounts): WireCounts {
  const minus = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(a).map(([key, value]) => [key, value - (b[key] ?? 0)]));
  return {
    messages: minus(after.messages, before.messages),
    statements: minus(after.statements, before.statements),
    writes: after.writes - before.writes,
  };
}
