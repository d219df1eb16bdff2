import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROLE_NAMES } from "../contract/config.js";
import { parseTemplate } from "./parse-template.js";
import { MissingTemplateVariablesError, renderTemplate, templateVariables } from "./render.js";

describe("renderTemplate", () => {
  it.each([
    ["Hello {{name}}!", { name: "Ada" }, "Hello Ada!"],
    ["Hello {{ name }}!", { name: "Ada" }, "Hello Ada!"],
    ["{{a}}{{b}}{{a}}", { a: "1", b: "2" }, "121"],
    ["no placeholders", { unused: "x" }, "no placeholders"],
    ["{{x}}", { x: "{{y}}" }, "{{y}}"],
    ["{{x}}", { x: "$& $1 $$" }, "$& $1 $$"],
    ["{{ 1x }} {x} {{x-y}}", {}, "{{ 1x }} {x} {{x-y}}"],
    ["{{empty}}.", { empty: "" }, "."],
  ])("renders %j with %j as %j", (template, vars, expected) => {
    expect(renderTemplate(template, vars)).toBe(expected);
  });

  it("names every missing variable once, in order of use", () => {
    const render = () => renderTemplate("{{b}} {{a}} {{b}} {{c}}", { c: "" }, "developer");
    expect(render).toThrow(MissingTemplateVariablesError);
    expect(render).toThrow("The template developer uses {{b}}, {{a}}, which are not provided.");
    try {
      render();
    } catch (error) {
      expect((error as MissingTemplateVariablesError).missing).toEqual(["b", "a"]);
    }
  });

  it("does not treat inherited object keys as provided", () => {
    expect(() => renderTemplate("{{toString}}", {})).toThrow("{{toString}}, which is not provided");
  });

  it("lists a template's variables", () => {
    expect(templateVariables("{{ a }} {{b}} {{a}}")).toEqual(["a", "b"]);
  });
});

describe("parseTemplate", () => {
  it.each([
    ["---\nversion: 3\n---\nBody\n", { version: "3", body: "Body" }],
    ["---\nversion: 1.2-beta\nowner: qa\n---\n\nBody", { version: "1.2-beta", body: "Body" }],
    ["---\r\nversion: 2\r\n---\r\nBody", { version: "2", body: "Body" }],
    ["No front matter", { version: undefined, body: "No front matter" }],
    ["---\n---\nBody", { version: undefined, body: "Body" }],
    ["---\nowner: qa\n---\nBody", { version: undefined, body: "Body" }],
  ])("reads %j", (text, expected) => {
    expect(parseTemplate(text)).toEqual(expected);
  });

  it.each([
    ["---\nversion: [1\n---\nBody", "is not valid YAML"],
    ["---\n- 1\n---\nBody", "must be a YAML mapping"],
  ])("refuses the front matter of %j", (text, message) => {
    expect(() => parseTemplate(text, "x.md")).toThrow(message);
  });
});

const shipped = (name: string) =>
  parseTemplate(readFileSync(new URL(`./${name}.md`, import.meta.url), "utf8"), `${name}.md`);
const VARS = { repository: "acme/widgets", stage: "implement" };

describe("the shipped templates", () => {
  it.each([...ROLE_NAMES, "system", "task"])("%s.md has a version", (name) => {
    expect(shipped(name).version).toMatch(/^\d+$/);
  });

  it.each(ROLE_NAMES)("%s.md uses only the role variables and renders as snapshotted", (role) => {
    const { body } = shipped(role);
    expect(templateVariables(body).every((name) => name in VARS)).toBe(true);
    expect(renderTemplate(body, VARS, role)).toMatchSnapshot();
  });

  it("system.md and task.md use the variables the assembler provides", () => {
    expect(templateVariables(shipped("system").body).sort()).toEqual([
      "agents_md",
      "allowed_commands",
      "protected_paths",
      "repo_map",
      "repository",
      "role_prompt",
      "stage",
      "tools",
    ]);
    expect(templateVariables(shipped("task").body)).toEqual(["task", "feedback", "findings"]);
  });
});
