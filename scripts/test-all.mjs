#!/usr/bin/env node
// Runs every test suite (Vitest engine and widget tests, then a site build and the
// Playwright site tests) and ends with one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const results = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
mkdirSync("test-results", { recursive: true });

function run(title, command, args) {
  console.log(`\n=== ${title}: ${command} ${args.join(" ")}`);
  const child = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (child.status !== 0) exitCode = 1;
  return child.status === 0;
}

// 0. Types: the whole project type-checks (engine, widgets, tests, site scripts). `astro sync`
// first writes the types of Astro's virtual modules (astro:content), which a fresh clone lacks.
if (run("astro types", "npx", ["astro", "sync"]) && run("type check", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"])) results.passed += 1;
else results.failed += 1;

// 1. Engine and widget logic (Vitest).
rmSync("test-results/vitest.json", { force: true });
run("engine tests", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"]);
if (existsSync("test-results/vitest.json")) {
  const report = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
  results.passed += report.numPassedTests;
  results.failed += report.numFailedTests;
  results.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else {
  results.failed += 1;
  console.error("Vitest wrote no report: counting the suite as failed.");
}

// 2. The site, built as readers get it, then Playwright against it.
const built = run("site build", "npx", ["astro", "build"]);
if (!built) results.failed += 1;
rmSync("test-results/playwright.json", { force: true });
if (built) {
  run("site tests", "npx", ["playwright", "test"]);
  if (existsSync("test-results/playwright.json")) {
    const stats = JSON.parse(readFileSync("test-results/playwright.json", "utf8")).stats;
    results.passed += stats.expected + (stats.flaky ?? 0);
    results.failed += stats.unexpected;
    results.skipped += stats.skipped;
    if (stats.unexpected > 0) exitCode = 1;
  } else {
    results.failed += 1;
    console.error("Playwright wrote no report (did it find a Chromium?): counting the suite as failed.");
  }
}

console.log(`\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ""}`);
process.exit(exitCode || (results.failed > 0 ? 1 : 0));
