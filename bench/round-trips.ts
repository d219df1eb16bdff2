import type { Logger } from "pino";
import type { Credentials } from "./bare-probot.js";
import type { SignedPayload } from "./payload.js";
import { startQuantaPilot } from "./quantapilot.js";
import { perDelivery, type RoundTripsPerDelivery } from "./report.js";
import { type PayloadFor, type SendFn, sender, type Target } from "./sender.js";
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
  /**
   * Stage labels on a database of their own: `seed` is called once the server
   * has migrated it, and says what to send (each label on a new issue).
   */
  labels: { databaseUrl: string; seed: () => Promise<PayloadFor> };
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
  const installations = await countOn(pass, pass.databaseUrl, async (target, counted) => {
    const send = sender(target, (phase, i) => `count-${phase}-${i}`);
    const ignoredTarget = { ...target, payload: pass.ignored };
    const sendIgnored = sender(ignoredTarget, (phase, i) => `count-ignored-${phase}-${i}`);
    await send("warmup", pass.warmup);
    const ingest = await counted(send);
    const duplicate = await counted(send);
    const ignored = await counted(sendIgnored);
    return { ingest, duplicate, ignored };
  });
  const labels = await countOn(pass, pass.labels.databaseUrl, async (target, counted) => {
    const payloadFor = await pass.labels.seed();
    const send = sender(target, (phase, i) => `count-label-${phase}-${i}`, payloadFor);
    await send("warmup", pass.warmup);
    return { "stage-label": await counted(send) };
  });
  return { ...installations, ...labels };
}

type Counted = (send: SendFn) => Promise<RoundTripsPerDelivery>;

/** A QuantaPilot server on `databaseUrl` through a wire counter, for `measure` to send to. */
async function countOn<T>(
  pass: RoundTripPass,
  databaseUrl: string,
  measure: (target: Target, counted: Counted) => Promise<T>,
): Promise<T> {
  const counter = await startWireCounter(databaseUrl);
  const stopCounter = pass.teardown.add("wire counter", counter.stop);
  const server = await startQuantaPilot(counter.url, pass.credentials, pass.log, pass.githubHost);
  const stopServer = pass.teardown.add("QuantaPilot (counted)", server.stop);
  const counted: Counted = async (send) => {
    const before = snapshot(counter.counts);
    const run = await send("counted", pass.deliveries);
    return perDelivery(difference(counter.counts, before), run.latenciesMs.length);
  };
  try {
    return await measure({ ...pass.target, port: server.port }, counted);
  } finally {
    await stopServer();
    await stopCounter();
  }
}
