import type { Logger } from "pino";
import type { Credentials } from "./bare-probot.js";
import type { SignedPayload } from "./payload.js";
import { startQuantaPilot } from "./quantapilot.js";
import { perDelivery, type RoundTripsPerDelivery } from "./report.js";
import { sender, type Target } from "./sender.js";
import type { Teardown } from "./teardown.js";
import { difference, snapshot, startWireCounter } from "./wire-counter.js";

export interface RoundTripPass {
  databaseUrl: string;
  credentials: Credentials;
  githubHost: string;
  log: Logger;
  teardown: Teardown;
  /** Load settings; its port is replaced by the counted server's. */
  target: Target;
  warmup: number;
  deliveries: number;
  /** A signed delivery no handler wants. */
  ignored: SignedPayload;
}

/**
 * A separate, untimed pass through the wire counter (the relay would slow the
 * timed runs): a warm-up so connections and prepared statements exist, then
 * counted unique deliveries, then the same ids again as duplicates, then
 * deliveries no handler wants.
 */
export async function countRoundTrips(
  pass: RoundTripPass,
): Promise<Record<string, RoundTripsPerDelivery>> {
  const counter = await startWireCounter(pass.databaseUrl);
  const stopCounter = pass.teardown.add("wire counter", counter.stop);
  const server = await startQuantaPilot(counter.url, pass.credentials, pass.log, pass.githubHost);
  const stopServer = pass.teardown.add("QuantaPilot (counted)", server.stop);
  const send = sender({ ...pass.target, port: server.port }, (phase, i) => `count-${phase}-${i}`);
  const ignoredTarget = { ...pass.target, port: server.port, payload: pass.ignored };
  const sendIgnored = sender(ignoredTarget, (phase, i) => `count-ignored-${phase}-${i}`);
  const counted = async (phase: string, how = send) => {
    const before = snapshot(counter.counts);
    const run = await how(phase, pass.deliveries);
    return perDelivery(difference(counter.counts, before), run.latenciesMs.length);
  };
  await send("warmup", pass.warmup);
  const ingest = await counted("counted");
  const duplicate = await counted("counted");
  const ignored = await counted("counted", sendIgnored);
  await stopServer();
  await stopCounter();
  return { ingest, duplicate, ignored };
}
