import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * Every library example in the README is a file in examples/ (its first line names it), and
 * the plain code block that follows it lists lines the example really prints.
 */
const readme = readFileSync("README.md", "utf8");
const examples = [...readme.matchAll(/```js\n\/\/ (examples\/[\w-]+\.mjs)[^\n]*\n([\s\S]*?)```[\s\S]*?```\n([\s\S]*?)```/g)].map(([, file, code, output]) => ({
  file,
  code: code.trim(),
  promised: output.trim().split("\n"),
}));

describe("the README's library examples", () => {
  it("the README shows both examples", () => {
    expect(examples.map((e) => e.file)).toEqual(["examples/quickstart.mjs", "examples/clients.mjs"]);
  });

  for (const example of examples) {
    it(`${example.file} is exactly what the README shows, runs as written and prints what the README says`, () => {
      const file = readFileSync(example.file, "utf8").split("\n").slice(1).join("\n").trim();
      expect(example.code).toBe(file);
      // Runs through the package's own export (lib/engine, built by npm install's prepare step).
      const output = execFileSync(process.execPath, [example.file], { encoding: "utf8" });
      for (const line of example.promised) expect(output).toContain(line);
    });
  }
});
