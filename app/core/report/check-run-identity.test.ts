import { describe, expect, it } from "vitest";
import { checkRunExternalId, checkRunName, parseCheckRunExternalId } from "./check-run-identity.js";

describe("check run identity", () => {
  it("names the check run after its stage and ids it by work item and run", () => {
    expect(checkRunName("review")).toBe("QuantaPilot / review");
    expect(checkRunExternalId(12, 3)).toBe("qp:12:3");
    expect(parseCheckRunExternalId(checkRunExternalId(12, 3))).toEqual({
      workItemId: 12,
      runNumber: 3,
    });
  });

  it.each([
    null,
    undefined,
    "",
    "qp:1",
    "qp:0:1",
    "qp:1:0",
    "qp:1:2:3",
    "qp:-1:2",
    "other:1:2",
    " qp:1:2",
    "qp:1:2\n",
  ])("does not take %j for one of ours", (id) => expect(parseCheckRunExternalId(id)).toBeNull());
});
