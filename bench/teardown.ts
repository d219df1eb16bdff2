/**
 * Everything the bench started, stopped in reverse order. Each step runs even
 * if an earlier one throws, so a failed run still leaves no Postgres behind.
 */
export class Teardown {
  #steps: { name: string; stop: () => unknown }[] = [];

  /** Registers `stop`; the returned function runs it early, and only once. */
  add(name: string, stop: () => unknown): () => Promise<void> {
    const step = { name, stop };
    this.#steps.push(step);
    return async () => {
      const index = this.#steps.indexOf(step);
      if (index < 0) return;
      this.#steps.splice(index, 1);
      await step.stop();
    };
  }

  /** Idempotent: the watchdog and the normal exit may both call it. */
  async run(): Promise<void> {
    for (let step = this.#steps.pop(); step; step = this.#steps.pop()) {
      try {
        await step.stop();
      } catch (error) {
        console.error(`bench: stopping ${step.name} failed:`, error);
      }
    }
  }
}
