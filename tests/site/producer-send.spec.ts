import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * The producer chapter's send-modes and source-walkthrough widgets in Chromium: they load,
 * react to their knobs and steps, work from the keyboard, pass axe in light and dark, and look
 * as reviewed. (Baselines are made by the integrator from the production build.)
 */
const PAGE = "/chapters/producer/";

async function open(page: Page, tag: string): Promise<Locator> {
  await page.goto(PAGE);
  const element = page.locator(tag).first();
  await element.scrollIntoViewIfNeeded();
  await expect(element).toHaveAttribute("data-kl-ready", "", { timeout: 20_000 });
  return element;
}

test.describe("send modes", () => {
  test("shows both producers' numbers without JavaScript in the static frame", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(PAGE);
    const table = page.locator("kl-send-modes .kl-static table");
    await expect(table).toContainText("send().get(): synchronous");
    await expect(table).toContainText("send(record, callback): asynchronous");
    await expect(table.locator("tbody tr")).toHaveCount(2);
    await context.close();
  });

  test("draws the staircase and the batches, and the stage says so", async ({ page }) => {
    const element = await open(page, "kl-send-modes");
    await element.getByRole("button", { name: "Jump to the end" }).click();
    const label = await element.locator("svg.kl-stage-svg").getAttribute("aria-label");
    expect(label).toMatch(/synchronous: 12 of 12 records done .*12 produce requests, 1\.0 records per request/);
    expect(label).toMatch(/asynchronous: 12 of 12 records done .*records per request/);
    await expect(element.locator("g.sm-ack")).toHaveCount(24);
  });

  test("re-simulates when a knob changes", async ({ page }) => {
    const element = await open(page, "kl-send-modes");
    await element.getByRole("button", { name: "Jump to the end" }).click();
    const before = await element.locator("svg.kl-stage-svg").getAttribute("aria-label");
    await element.getByRole("group", { name: /acks/ }).getByText("1", { exact: true }).click();
    await expect.poll(async () => element.locator("svg.kl-stage-svg").getAttribute("aria-label")).not.toBe(before);
    const records = element.getByRole("slider", { name: "Records per producer" });
    await records.fill("5");
    await records.dispatchEvent("change");
    await element.getByRole("button", { name: "Jump to the end" }).click();
    await expect(element.locator("svg.kl-stage-svg")).toHaveAttribute("aria-label", /synchronous: 5 of 5 records done/);
  });

  test("steps through time from the keyboard", async ({ page }) => {
    const element = await open(page, "kl-send-modes");
    await element.locator(".kl-stage").focus();
    await page.keyboard.press("Home");
    const start = await element.locator("svg.kl-stage-svg").getAttribute("aria-label");
    for (let i = 0; i < 12; i++) await page.keyboard.press("ArrowRight");
    await expect(element.locator("svg.kl-stage-svg")).not.toHaveAttribute("aria-label", start ?? "");
  });
});

test.describe("source walkthrough", () => {
  test("shows the whole outline without JavaScript, one element per step", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(PAGE);
    const outline = page.locator("kl-source-walkthrough [data-sw-outline]");
    await expect(outline).toBeVisible();
    await expect(outline).toContainText("Simplified from Kafka 4.x");
    await expect(outline.locator(".sw-step")).toHaveCount(28);
    await expect(outline.locator('[data-step="accumulator.ready"]')).toContainText("readyNodes.add(leader)");
    await context.close();
  });

  test("Next step moves the highlight and says what happens, in words and with a marker", async ({ page }) => {
    const element = await open(page, "kl-source-walkthrough");
    const next = element.getByRole("button", { name: "Next step" });
    await next.click();
    const current = element.locator('.sw-step[aria-current="step"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute("data-step", "producer.send");
    await expect(element.locator(".sw-sentence")).toContainText("KafkaProducer.send()");
    for (let i = 0; i < 5; i++) await next.click();
    await expect(current).toHaveAttribute("data-step", "doSend.append");
    await expect(element.getByText("Step 6 of")).toBeVisible();
    await expect(element.locator(".sw-sentence")).toHaveAttribute("aria-live", "polite");
    // Not colour alone: the current step has a bar and a "▶" marker.
    const bar = await current.evaluate((el) => getComputedStyle(el).borderLeftStyle);
    expect(bar).toBe("solid");
    const marker = await current.locator(".line").first().evaluate((el) => getComputedStyle(el, "::before").content);
    expect(marker).toContain("▶");
  });

  test("the arrow keys in the code panel and the player both move the highlight", async ({ page }) => {
    const element = await open(page, "kl-source-walkthrough");
    const blocks = element.locator(".sw-blocks");
    await blocks.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect(element.locator('.sw-step[aria-current="step"]')).toHaveAttribute("data-step", "interceptors.onSend");
    await page.keyboard.press("End");
    await expect(element.locator('.sw-step[aria-current="step"]')).toHaveAttribute("data-step", "callbacks.onCompletion");
    await element.getByRole("button", { name: "Back to the start" }).click();
    await expect(element.locator('.sw-step[aria-current="step"]')).toHaveCount(0);
    await expect(element.locator(".sw-sentence")).toContainText("Nothing has been sent yet");
    await element.getByRole("button", { name: "Jump to the end" }).click();
    await expect(element.locator('.sw-step[aria-current="step"]')).toHaveAttribute("data-step", "callbacks.onCompletion");
  });
});

for (const theme of ["light", "dark"] as const) {
  test(`producer send widgets pass axe (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await open(page, "kl-send-modes");
    const walkthrough = page.locator("kl-source-walkthrough").first();
    await walkthrough.scrollIntoViewIfNeeded();
    await expect(walkthrough).toHaveAttribute("data-kl-ready", "", { timeout: 20_000 });
    await walkthrough.getByRole("button", { name: "Next step" }).click();
    for (const tag of ["kl-send-modes", "kl-source-walkthrough"]) {
      const results = await new AxeBuilder({ page }).include(tag).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  });
}

test.describe("visual", () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  for (const theme of ["light", "dark"] as const) {
    for (const [tag, name] of [
      ["kl-send-modes", "send-modes-default"],
      ["kl-source-walkthrough", "source-walkthrough-default"],
    ] as const) {
      test(`${name} looks as reviewed (${theme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
        const element = await open(page, tag);
        await page.evaluate(() => document.fonts.ready);
        await expect(element).toHaveScreenshot(`${name}-${theme}.png`);
      });
    }
  }
});
