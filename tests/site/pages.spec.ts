import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { chapterPaths } from "./chapters";

const pages = ["/", ...chapterPaths, "/glossary/"];

/** Collects console errors, failed requests and any request that leaves the local server. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && url.hostname !== "127.0.0.1") problems.push(`third-party request: ${request.url()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

for (const path of pages) {
  test(`${path} loads with no console error, no failed and no third-party request`, async ({ page }) => {
    const problems = watch(page);
    await page.goto(path);
    await expect(page.locator("h1")).toHaveCount(1);
    // Scroll through so every widget hydrates and runs the engine.
    for (const figure of await page.locator("figure").all()) await figure.scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
  });

  for (const theme of ["light", "dark"] as const) {
    test(`${path} has no axe violations in the ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(path);
      for (const figure of await page.locator("figure").all()) await figure.scrollIntoViewIfNeeded();
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`)).toEqual([]);
    });
  }
}

test("the chapters are readable with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/chapters/replication/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Replication");
  await expect(page.locator("main")).toContainText("high watermark");
  for (const [path, heading, text] of [
    ["/chapters/producer/", "The producer", "record accumulator"],
    ["/chapters/consumers/", "Consumers", "committed offset"],
    ["/chapters/rebalancing/", "Rebalancing", "onPartitionsRevoked"],
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
    await expect(page.locator("main")).toContainText(text);
    // Every widget leaves a static first frame (a table or a summary) for readers without JavaScript.
    for (const figure of await page.locator("figure.kl-figure").all()) await expect(figure.locator(".kl-static, table, pre").first()).toBeVisible();
  }
  await context.close();
});

test("the home page maps every chapter and links to it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /Replication/ }).first().click();
  await expect(page).toHaveURL(/\/chapters\/replication\/$/);
  await page.getByRole("link", { name: /Brokers, storage and the controller/ }).last().click();
  await expect(page).toHaveURL(/\/chapters\/brokers\/$/);
});
