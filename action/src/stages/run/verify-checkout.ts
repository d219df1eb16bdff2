import { stat } from "node:fs/promises";
import { runGit } from "../../changes/run-git.js";

/** The checkout is not the commit the stage is pinned to; the message says how to fix it. */
export class CheckoutError extends Error {
  override readonly name = "CheckoutError";
}

/**
 * Checks that `dir` is a git checkout whose HEAD is `baseSha`, the commit
 * the app pinned the stage to: the result is applied on that commit, so
 * work done on any other would be written onto the wrong code.
 */
export async function verifyCheckout(dir: string, baseSha: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CheckoutError(`The workspace ${dir} is not a directory.`);
  const head = await runGit(dir, ["rev-parse", "--verify", "HEAD^{commit}"]).then(
    (out) => out.toString("utf8").trim(),
    () => undefined,
  );
  if (head === undefined) {
    throw new CheckoutError(
      `${dir} is not a git checkout with a commit: add actions/checkout before the QuantaPilot step.`,
    );
  }
  if (head !== baseSha) {
    throw new CheckoutError(
      `The checkout is at ${head}, but the stage is pinned to ${baseSha}: check out \`ref: \${{ fromJSON(inputs.spec).base_sha }}\` with fetch-depth: 0, as the QuantaPilot workflow does.`,
    );
  }
}
