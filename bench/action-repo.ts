/** Modules of the bench's small Node project, each a few exported functions. */
const MODULES = ["strings", "numbers", "dates", "arrays", "objects", "paths", "errors", "config"];

const AGENTS_MD = `# Conventions for agents

- CommonJS modules under \`src/\`, one concept per file, named after its export.
- Every exported function has a JSDoc comment saying what it returns and why it exists.
- Tests sit next to the code as \`*.test.js\` and run with \`node <file>\`; a test that cannot fail is a defect.
- No dependencies beyond Node's standard library; ask before adding one.
- Errors say what to do next: "config.json: 'port' must be a number (got \\"abc\\")", not "invalid config".
- Keep functions under 30 lines; prefer early returns to nested conditions.
- Commit messages: imperative mood, what and why, no ticket numbers in the subject.
- Public behaviour changes go into CHANGELOG.md under "Unreleased".
- Never edit generated files under \`dist/\`; change the source and rebuild.
- Review checklist: names say what things are, no dead code, no commented-out code, tests cover the edge cases (empty input, unicode, very large numbers).
`;

function moduleSource(name: string): string {
  const fns = ["parse", "format", "validate", "normalise"].map(
    (verb) =>
      `/** ${verb}s a ${name} value. */\nexport function ${verb}${name[0]?.toUpperCase()}${name.slice(1)}(value) {\n  return value;\n}\n`,
  );
  return fns.join("\n");
}

/** The files of the repository the token-economy bench runs its agent on. */
export function benchRepoFiles(): Record<string, string> {
  const files: Record<string, string> = {
    "README.md": "# Greeter\n\nSmall helpers, and soon a greeting.\n",
    "AGENTS.md": AGENTS_MD,
    "package.json": `${JSON.stringify({ name: "greeter", version: "1.0.0", private: true }, null, 2)}\n`,
    "CHANGELOG.md": "# Changelog\n\n## Unreleased\n",
  };
  for (const name of MODULES) {
    files[`src/${name}.js`] = moduleSource(name);
    files[`src/${name}.test.js`] = `require("./${name}");\n`;
  }
  return files;
}
