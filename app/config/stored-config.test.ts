import { expect, it } from "vitest";
import { configSchema } from "../../contract/config.js";
import { storedConfig } from "./stored-config.js";

it("fills in the defaults, as parsing the schema does", () => {
  expect(storedConfig(null)).toEqual(configSchema.parse({}));
  const custom = { max_iterations: 5, labels: { implement: "build-it" } };
  expect(storedConfig(custom)).toEqual(configSchema.parse(custom));
});

it("parses each distinct config once and shares the result between readers", () => {
  const first = storedConfig({ max_iterations: 7 });
  expect(storedConfig({ max_iterations: 7 })).toBe(first);
  expect(storedConfig({ max_iterations: 8 })).not.toBe(first);
  expect(storedConfig(undefined)).toBe(storedConfig(null));
});

it("cannot be changed by one reader under the next", () => {
  const config = storedConfig({ max_iterations: 4 });
  expect(() => {
    (config as { max_iterations: number }).max_iterations = 9;
  }).toThrow(TypeError);
  expect(() => {
    (config.labels as Record<string, string>).implement = "x";
  }).toThrow(TypeError);
  expect(storedConfig({ max_iterations: 4 }).max_iterations).toBe(4);
});

it("refuses a stored config the schema refuses, like the parse it replaces", () => {
  expect(() => storedConfig({ max_iterations: 0 })).toThrow();
});
