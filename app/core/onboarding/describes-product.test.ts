import { describe, expect, it } from "vitest";
import { describesProduct, MIN_PRODUCT_WORDS } from "./describes-product.js";

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

describe("describesProduct", () => {
  it("takes a README with a real description", () => {
    const readme = `# Shop\n\nA web shop for second-hand bikes. ${words(MIN_PRODUCT_WORDS)}\n`;
    expect(describesProduct(readme)).toMatchObject({ describesProduct: true });
  });

  it("refuses GitHub's generated README, an empty one and none at all", () => {
    expect(
      describesProduct("# Hello-World\nMy first repository on GitHub!\n").describesProduct,
    ).toBe(false);
    expect(describesProduct("").describesProduct).toBe(false);
    expect(describesProduct(null)).toMatchObject({ describesProduct: false, words: 0 });
  });

  it("does not count the title, badges, comments, code or URLs", () => {
    const filler = [
      `# ${words(60)}`,
      `![badge](https://img.shields.io/${words(5)})`,
      `<!-- ${words(60)} -->`,
      "```",
      words(60),
      "```",
      `https://example.com/${"a".repeat(50)}`,
      `<img alt="x" src="y">`,
    ].join("\n");
    expect(describesProduct(filler)).toMatchObject({ describesProduct: false, words: 0 });
  });

  it("counts link text but not link targets", () => {
    const readme = `[${words(MIN_PRODUCT_WORDS)}](https://example.com/${words(10).replace(/ /g, "/")})`;
    expect(describesProduct(readme)).toMatchObject({ words: MIN_PRODUCT_WORDS });
  });

  it("stops just under the threshold and says why", () => {
    const verdict = describesProduct(`# T\n${words(MIN_PRODUCT_WORDS - 1)}`);
    expect(verdict.describesProduct).toBe(false);
    expect(verdict.reason).toContain(`${MIN_PRODUCT_WORDS - 1} words`);
  });

  it("counts words in any script", () => {
    const readme = "Магазин подержанных велосипедов ".repeat(MIN_PRODUCT_WORDS / 2);
    expect(describesProduct(readme).describesProduct).toBe(true);
  });

  it("survives an unterminated comment or fence", () => {
    expect(describesProduct(`${words(5)}\n<!-- ${words(80)}`).words).toBe(5);
    expect(describesProduct(`${words(5)}\n\`\`\`\n${words(80)}`).words).toBe(5);
  });
});
