import { describe, expect, it } from "vitest";
import { neutraliseReferences } from "./neutralise-references.js";

const visible = (text: string) => text.replace(/\u2060/g, "");

describe("neutraliseReferences", () => {
  it.each([
    ["Closes #4"],
    ["fixed: #4"],
    ["RESOLVES acme/other#9"],
    ["Fix https://github.com/acme/shop/issues/2"],
    ["resolved  #1"],
  ])("breaks the closing keyword in %j, which still reads the same", (text) => {
    const out = neutraliseReferences(text);
    expect(out).not.toBe(text);
    expect(visible(out)).toBe(text);
    expect(out).not.toMatch(/\b(close[sd]?|fix(e[sd])?|resolve[sd]?)\s/i);
  });

  it("breaks mentions at the start, after punctuation and in parentheses", () => {
    const out = neutraliseReferences("@alice, (@acme/team) and cc:@bob");
    expect(out).not.toMatch(/@[A-Za-z]/);
    expect(visible(out)).toBe("@alice, (@acme/team) and cc:@bob");
  });

  it("leaves emails, scoped packages, code spans and ordinary words alone", () => {
    const text =
      "mail a@b.io, install npm/@scope/pkg, `@decorator`, a fix for #3's cousin, closest #1";
    expect(neutraliseReferences(text)).toBe(text);
  });
});
