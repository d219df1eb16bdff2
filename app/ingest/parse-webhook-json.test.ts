import { describe, expect, it } from "vitest";
import { parseWebhookJson } from "./parse-webhook-json.js";

describe("parseWebhookJson", () => {
  it("replaces NUL characters in strings, at any depth and in keys' values only", () => {
    const body = JSON.stringify({ issue: { title: "a\u0000b", labels: [{ name: "\u0000" }] } });
    expect(parseWebhookJson(body)).toEqual({
      issue: { title: "a\uFFFDb", labels: [{ name: "\uFFFD" }] },
    });
  });

  it("parses a body without NUL exactly as JSON.parse does", () => {
    const body = '{"a":[1,"x",null,{"b":true}],"c":"\\\\u0000 is only text here"}';
    expect(parseWebhookJson(body)).toEqual(JSON.parse(body));
  });

  it("throws on malformed JSON like JSON.parse", () => {
    expect(() => parseWebhookJson('{"a":"\\u0000",')).toThrow(SyntaxError);
  });
});
