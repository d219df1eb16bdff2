/** One hostile input tried, and whether the app refused or neutralised it as it should. */
interface Attempt {
  kind: string;
  refused: boolean;
}

/**
 * The figures of the hostile-input catalogue, counted from what was really
 * sent: a case is tried when its input reached the app and refused only when
 * every assertion about the answer held.
 */
export class HostileTally {
  private readonly attempts: Attempt[] = [];

  /** Runs `attempt` (which sends the input and asserts the refusal) and counts it. */
  async count(kind: string, attempt: () => Promise<void>): Promise<void> {
    const entry = { kind, refused: false };
    this.attempts.push(entry);
    await attempt();
    entry.refused = true;
  }

  figures(): {
    tried: number;
    refused: number;
    byKind: Record<string, { tried: number; refused: number }>;
  } {
    const byKind: Record<string, { tried: number; refused: number }> = {};
    for (const { kind, refused } of this.attempts) {
      const tally = byKind[kind] ?? { tried: 0, refused: 0 };
      tally.tried++;
      if (refused) tally.refused++;
      byKind[kind] = tally;
    }
    const refused = this.attempts.filter((a) => a.refused).length;
    return { tried: this.attempts.length, refused, byKind };
  }
}
