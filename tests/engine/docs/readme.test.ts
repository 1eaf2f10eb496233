import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("the README's library example", () => {
  it("is exactly examples/quickstart.mjs, and it runs as written and prints what the README says", () => {
    const readme = readFileSync("README.md", "utf8");
    const example = readFileSync("examples/quickstart.mjs", "utf8");
    const block = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const withoutFirstLine = (code: string) => code.split("\n").slice(1).join("\n").trim();
    expect(withoutFirstLine(block)).toBe(withoutFirstLine(example));
    // Runs through the package's own export (lib/engine, built by npm install's prepare step).
    const output = execFileSync(process.execPath, ["examples/quickstart.mjs"], { encoding: "utf8" });
    const promised = /```\n(acknowledged[\s\S]*?)```/.exec(readme)?.[1].trim().split("\n") ?? [];
    for (const line of promised) expect(output).toContain(line);
  });
});
