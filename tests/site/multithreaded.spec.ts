import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * The consumers chapter's multithreaded widget (G-THREADS) in Chromium: its static frame
 * compares the two models without JavaScript; it reacts to its knobs, works from the keyboard,
 * restores its state from a link, passes axe in light and dark, and looks as reviewed.
 * (Baselines are made by the integrator from the production build.)
 */
const PAGE = "/chapters/consumers/";
const TAG = "kl-multithreaded";

async function open(page: Page, hash = ""): Promise<Locator> {
  // A new hash on the same page is not a navigation; start from a blank page so the widget reads it.
  if (hash) await page.goto("about:blank");
  await page.goto(PAGE + hash);
  const element = page.locator(TAG).first();
  await element.scrollIntoViewIfNeeded();
  await expect(element).toHaveAttribute("data-kl-ready", "", { timeout: 30_000 });
  return element;
}

const stage = (element: Locator) => element.locator("svg.kl-stage-svg");
const label = (element: Locator) => stage(element).getAttribute("aria-label");

async function setSlider(element: Locator, name: string, value: number): Promise<void> {
  const slider = element.getByRole("slider", { name });
  await slider.fill(String(value));
  await slider.dispatchEvent("change");
}

test("the static frame compares both models without JavaScript, and states the trade-off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PAGE);
  const table = page.locator(`${TAG} .kl-static table`);
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table).toContainText("One consumer per thread");
  await expect(table).toContainText("One poller + worker pool");
  await expect(table.locator("thead")).toContainText("Out-of-order finishes");
  await expect(page.locator(".kl-mt-tradeoff")).toContainText("an offset may only be committed once every record before it is done");
  await context.close();
});

test("the worker pool marks records that finished before an earlier one of their partition", async ({ page }) => {
  const element = await open(page);
  await element.getByRole("button", { name: "Jump to the end" }).click();
  await expect(stage(element)).toHaveAttribute("aria-label", /One poller \+ worker pool, 4 thread\(s\), 2 partition\(s\); 20 of 20 records processed/);
  await expect(stage(element)).toHaveAttribute("aria-label", /p\d: #\d+ finished before #\d+/);
  await expect(element.locator("g.kl-mt-late-mark").first()).toBeVisible();
  await expect(element.locator("g.kl-mt-lane")).toHaveCount(4);
  await expect(element.getByRole("button", { name: /finished out of order/ })).toBeVisible();
});

test("switching to one consumer per thread keeps order and leaves the threads beyond the partitions idle", async ({ page }) => {
  const element = await open(page);
  await element.getByText("one consumer per thread", { exact: true }).click();
  await element.getByRole("button", { name: "Jump to the end" }).click();
  await expect(stage(element)).toHaveAttribute("aria-label", /One consumer per thread, 4 thread\(s\), 2 partition\(s\); 20 of 20 records processed, [\d.]+ records per second, 2 idle thread\(s\), 0 out-of-order finish\(es\)/);
  await expect(element.locator('g.kl-mt-lane[data-state="idle"]')).toHaveCount(2);
  await expect(element.getByRole("button", { name: "Crash consumer-0" })).toBeVisible();
  // More partitions: nobody idles any more.
  await setSlider(element, "Partitions", 4);
  await element.getByRole("button", { name: "Jump to the end" }).click();
  await expect(stage(element)).toHaveAttribute("aria-label", /4 partition\(s\); 40 of 40 records processed, [\d.]+ records per second, 0 idle thread\(s\)/);
  await expect(element.locator("g.kl-mt-partition")).toHaveCount(4);
});

test("the threads and processing-time knobs re-simulate", async ({ page }) => {
  const element = await open(page);
  await setSlider(element, "Threads (consumers or workers)", 8);
  await expect(element.locator("g.kl-mt-lane")).toHaveCount(8);
  await setSlider(element, "Variation per record (±)", 0);
  await element.getByRole("button", { name: "Jump to the end" }).click();
  await expect(stage(element)).toHaveAttribute("aria-label", /8 thread\(s\).* 0 out-of-order finish\(es\)/);
  const before = await label(element);
  await setSlider(element, "Processing time per record", 300);
  await element.getByRole("button", { name: "Jump to the end" }).click();
  await expect.poll(() => label(element)).not.toBe(before);
});

test("steps through time from the keyboard", async ({ page }) => {
  const element = await open(page);
  await element.locator(".kl-stage").focus();
  await page.keyboard.press("Home");
  const start = await label(element);
  for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
  await expect(stage(element)).not.toHaveAttribute("aria-label", start ?? "");
  // Segmented choices are radio groups: the arrow keys move between the models.
  const model = element.getByRole("radio", { name: "one poller + worker pool" });
  await model.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(element.getByRole("radio", { name: "one consumer per thread" })).toBeChecked();
});

test("a copied link restores the model and the knobs; a broken one says why", async ({ page }) => {
  const element = await open(page);
  await element.getByText("one consumer per thread", { exact: true }).click();
  await setSlider(element, "Threads (consumers or workers)", 5);
  await element.getByRole("button", { name: "Copy link to this state" }).click();
  const hash = new URL(page.url()).hash;
  expect(hash).toMatch(/multithreaded-worker-pool=/);
  const restored = await open(page, hash);
  await expect(restored.getByRole("radio", { name: "one consumer per thread" })).toBeChecked();
  await expect(restored.getByRole("slider", { name: "Threads (consumers or workers)" })).toHaveValue("5");
  await expect(restored.locator("g.kl-mt-lane")).toHaveCount(5);
  const broken = await open(page, "#multithreaded-worker-pool=eyJ2IjoxfQ");
  await expect(broken.getByRole("alert").first()).toContainText("could not be restored");
  await expect(broken.locator("g.kl-mt-lane")).toHaveCount(4);
});

for (const theme of ["light", "dark"] as const) {
  test(`the multithreaded widget passes axe (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    const element = await open(page);
    await element.locator(".kl-timeline-input").evaluate((input: HTMLInputElement) => {
      input.value = "1200";
      input.dispatchEvent(new Event("input"));
    });
    const results = await new AxeBuilder({ page }).include(TAG).include(".kl-mt-tradeoff").analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test.describe("visual", () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  for (const theme of ["light", "dark"] as const) {
    test(`multithreaded-worker-pool looks as reviewed (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
      const element = await open(page);
      await page.evaluate(() => document.fonts.ready);
      await expect(element).toHaveScreenshot(`multithreaded-worker-pool-${theme}.png`);
    });
  }
});
