import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * The consumer chapter's commit-timing lab in Chromium: the static frame without JavaScript,
 * the processing verdict and its explanations, every knob and action, the keyboard, shared
 * links (good and malformed), axe in light and dark, and how it looks. (Visual baselines are
 * made by the integrator from the production build.)
 */
const PAGE = "/chapters/consumers/";

async function open(page: Page, index = 0, hash = ""): Promise<Locator> {
  await page.goto(PAGE + hash);
  const element = page.locator("kl-commit-timing").nth(index);
  await element.scrollIntoViewIfNeeded();
  await expect(element).toHaveAttribute("data-kl-ready", "", { timeout: 20_000 });
  return element;
}

const stage = (element: Locator) => element.locator("svg.kl-stage-svg");
const stageText = async (element: Locator) => (await stage(element).getAttribute("aria-label")) ?? "";
const toEnd = (element: Locator) => element.getByRole("button", { name: "Jump to the end" }).click();

async function choose(element: Locator, group: RegExp, option: string): Promise<void> {
  await element.getByRole("group", { name: group }).getByText(option, { exact: true }).click();
}

async function setSlider(element: Locator, name: string, value: number): Promise<void> {
  const slider = element.getByRole("slider", { name });
  await slider.fill(String(value));
  await slider.dispatchEvent("change");
}

test.describe("commit-timing lab (G-COMMIT)", () => {
  test("without JavaScript the static frame tabulates what the crash costs in each preset", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(PAGE);
    const table = page.locator("kl-commit-timing .kl-static table").first();
    await expect(table.locator("tbody tr")).toHaveCount(3);
    await expect(table.locator("tbody tr").nth(0)).toContainText("commitSync after processing");
    await expect(table.locator("tbody tr").nth(0)).toContainText("mid-batch");
    await expect(table.locator("tbody tr").nth(1)).toContainText("commitSync before processing");
    await context.close();
  });

  test("the commit-after preset: two records processed twice, each explained, and the stage shows the crash", async ({ page }) => {
    const element = await open(page);
    expect(await stageText(element)).toMatch(/Crashed at 3\.4 s \(mid-batch\); committed offset 10, position was 14/);
    const badge = element.getByRole("button", { name: "2 processed twice" });
    await badge.click();
    await expect(badge).toHaveAttribute("aria-expanded", "true");
    const list = element.locator(".kl-verdict-list li");
    await expect(list).toHaveCount(2);
    await expect(list.first()).toContainText(/producer-0#10 \(offset 10 of orders-0\) was processed 2 times .* crashed at \d+ ms \(step mid-batch\)/);
    await toEnd(element);
    expect(await stageText(element)).toMatch(/resumed from offset 10: the group's committed offset/);
    // Fates are shapes with words, not colour alone.
    await expect(element.locator("g.kl-ct-fate--twice title").first()).toHaveText(/processed twice \(duplicate\)/);
  });

  test("commit strategy: sync before trades the duplicates for lost records; auto repeats all since the last auto-commit", async ({ page }) => {
    const element = await open(page);
    await choose(element, /Commit strategy/, "sync before");
    await expect(element.getByRole("button", { name: "2 never processed" })).toBeVisible();
    await choose(element, /Commit strategy/, "async after");
    await expect(element.getByRole("button", { name: /processed twice/ })).toBeVisible();
    await choose(element, /Commit strategy/, "auto");
    await toEnd(element);
    expect(await stageText(element)).toMatch(/uses auto commit/);
    // With auto commit nothing is committed before 5 s: the crash sends the group back to offset 0.
    expect(await stageText(element)).toMatch(/found no committed offset and started at 0|resumed from offset 0/);
    await setSlider(element, "auto.commit.interval.ms", 1000);
    await toEnd(element);
    expect(await stageText(element)).toMatch(/resumed from offset \d+: the group's committed offset/);
  });

  test("crash step, max.poll.records and processing time change what the same crash costs", async ({ page }) => {
    const element = await open(page);
    await choose(element, /Crash the consumer at/, "after commit");
    await expect(element.getByText("No record processed twice or skipped")).toBeVisible();
    await choose(element, /Crash the consumer at/, "mid-batch");
    await expect(element.getByRole("button", { name: "2 processed twice" })).toBeVisible();
    await setSlider(element, "max.poll.records", 1);
    await expect(element.getByText("No record processed twice or skipped")).toBeVisible();
    await setSlider(element, "Processing time per record", 100);
    await expect(stage(element).locator("text", { hasText: "max.poll.records=1, 100 ms per record" })).toHaveCount(1);
    await expect(element.getByRole("slider", { name: "Processing time per record" })).toHaveAttribute("aria-valuetext", "100 ms");
  });

  test("Crash consumer and Restart consumer: a crash at the chosen step, then a new member resumes from the committed offset", async ({ page }) => {
    const element = await open(page);
    const time = element.getByRole("slider", { name: "Simulated time" });
    const seconds = async (n: number) => {
      await time.focus();
      await page.keyboard.press("Home");
      for (let i = 0; i < n; i++) await page.keyboard.press("Shift+ArrowRight");
    };
    // At 7 s the restarted consumer is at work again: crash it a second time, at the chosen step.
    await seconds(7);
    await choose(element, /Crash the consumer at/, "after poll");
    await seconds(7);
    const crash = element.getByRole("button", { name: "Crash consumer" });
    await expect(crash).toBeEnabled();
    await crash.click();
    await expect.poll(() => stageText(element)).toMatch(/A crash is armed: the process dies the next time its loop reaches "after-poll"/);
    await seconds(9);
    const crashed = await stageText(element);
    const committed = /Crashed at 7\.\d s \(after-poll\); committed offset (\d+)/.exec(crashed)?.[1];
    expect(committed, crashed).toBeDefined();
    const restart = element.getByRole("button", { name: "Restart consumer" });
    await expect(restart).toBeEnabled();
    await restart.click();
    await toEnd(element);
    expect(await stageText(element)).toContain(`resumed from offset ${committed}: the group's committed offset`);
  });

  test("keyboard: the player moves through time, and the knobs are reachable and labelled", async ({ page }) => {
    const element = await open(page);
    await element.locator(".kl-stage").focus();
    await page.keyboard.press("Home");
    const start = await stageText(element);
    expect(start).toMatch(/^At 0\.0 s/);
    for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowRight");
    await expect(stage(element)).not.toHaveAttribute("aria-label", start);
    await page.keyboard.press("End");
    await expect(element.getByRole("slider", { name: "Simulated time" })).toHaveAttribute("aria-valuetext", /12(\.0)? s/);
    const radio = element.getByRole("radio", { name: "sync after", exact: true });
    await radio.focus();
    await page.keyboard.press("ArrowRight");
    await expect(element.getByRole("radio", { name: "sync before" })).toBeChecked();
    await expect(element.getByRole("button", { name: "2 never processed" })).toBeVisible();
  });

  test("a copied link restores the changed lab; a malformed one shows a message and the preset", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const element = await open(page);
    await choose(element, /Commit strategy/, "sync before");
    await element.getByRole("button", { name: "Copy link to this state" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#commit-timing-commit-after=/);
    const hash = await page.evaluate(() => location.hash);
    await page.goto("about:blank");
    const restored = await open(page, 0, hash);
    await expect(restored.getByRole("button", { name: "2 never processed" })).toBeVisible();
    await expect(restored.getByRole("radio", { name: "sync before" })).toBeChecked();

    await page.goto("about:blank");
    const broken = await open(page, 0, "#commit-timing-commit-after=not*base64");
    await expect(broken.locator(".kl-message")).toContainText(/link/i);
    await expect(broken.getByRole("button", { name: "2 processed twice" })).toBeVisible();
  });
});

test.describe("where a new group starts (G-RESET)", () => {
  test("none throws on every poll; latest skips the 14 records already there; earliest reads them all", async ({ page }) => {
    const element = await open(page, 1);
    expect(await stageText(element)).toMatch(/NoOffsetForPartitionException/);
    await choose(element, /auto\.offset\.reset/, "latest");
    await toEnd(element);
    expect(await stageText(element)).toMatch(/So far 16 records processed/);
    await choose(element, /auto\.offset\.reset/, "earliest");
    await toEnd(element);
    expect(await stageText(element)).toMatch(/So far 30 records processed/);
  });

  test("the reset exercises check this widget: latest passes 'read only what comes next'", async ({ page }) => {
    const element = await open(page, 1);
    await choose(element, /auto\.offset\.reset/, "latest");
    const exercise = page.locator('[data-exercise-id="consumers.only-new-records"]');
    await exercise.getByRole("button", { name: "Check" }).click();
    await expect(exercise.locator(".exercise-result")).toContainText(/skipped the 14 records already there/);
  });
});

test.describe("seeking (G-SEEK)", () => {
  /** The new-group lab with auto.offset.reset=earliest, the player at `seconds`. */
  async function earliestAt(page: Page, seconds: number): Promise<Locator> {
    const element = await open(page, 1);
    await choose(element, /auto\.offset\.reset/, "earliest");
    const time = element.getByRole("slider", { name: "Simulated time" });
    await time.focus();
    await page.keyboard.press("Home");
    for (let i = 0; i < seconds; i++) await page.keyboard.press("Shift+ArrowRight");
    return element;
  }

  test("the seek buttons need a consumer that holds the partition", async ({ page }) => {
    const element = await open(page, 1);
    // With auto.offset.reset=none the consumer never gets a position: nothing to seek.
    for (const name of ["Seek to beginning", "Seek to offset 10", "Seek to end"]) await expect(element.getByRole("button", { name })).toBeDisabled();
    await choose(element, /auto\.offset\.reset/, "earliest");
    for (const name of ["Seek to beginning", "Seek to offset 10", "Seek to end"]) await expect(element.getByRole("button", { name })).toBeEnabled();
  });

  test("Seek to offset 10 replays from there, the processing verdict names the seek, and the replay exercise passes", async ({ page }) => {
    const element = await earliestAt(page, 6);
    await element.getByRole("button", { name: "Seek to offset 10" }).click();
    await element.getByRole("button", { name: /^\d+ processed twice$/ }).click();
    await expect(element.locator(".kl-verdict-list li").first()).toContainText(/offset 10 of orders-0\) was processed 2 times .*moved its position back from \d+ to offset 10 .*seek\(orders-0, 10\)/);
    const exercise = page.locator('[data-exercise-id="consumers.replay-from-offset"]');
    await exercise.getByRole("button", { name: "Check" }).click();
    await expect(exercise.locator(".exercise-result")).toContainText(/Offsets 10–\d+ \(\d+ records\) were processed a second time, and nothing before 10/);
  });

  test("the replay exercise fails on the preset, and after Seek to beginning", async ({ page }) => {
    await open(page, 1);
    const exercise = page.locator('[data-exercise-id="consumers.replay-from-offset"]');
    await exercise.getByRole("button", { name: "Check" }).click();
    await expect(exercise.locator(".exercise-result")).toContainText(/NoOffsetForPartitionException/);
    const element = await earliestAt(page, 6);
    await element.getByRole("button", { name: "Seek to beginning" }).click();
    await exercise.getByRole("button", { name: "Check" }).click();
    await expect(exercise.locator(".exercise-result")).toContainText(/Offset 0, before offset 10, was processed twice too/);
  });

  test("Seek to end skips the backlog: the skipped records are never processed, and the verdict says a seek jumped over them", async ({ page }) => {
    const element = await earliestAt(page, 3);
    await element.getByRole("button", { name: "Seek to end" }).click();
    await element.getByRole("button", { name: /^\d+ never processed$/ }).click();
    await expect(element.locator(".kl-verdict-list li").first()).toContainText(/had moved its position over it, from \d+ to \d+ at \d+ ms \(seekToEnd\(orders-0\)/);
  });
});

for (const theme of ["light", "dark"] as const) {
  test(`commit-timing passes axe (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    const element = await open(page);
    await element.getByRole("button", { name: "2 processed twice" }).click();
    const results = await new AxeBuilder({ page }).include("kl-commit-timing").analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test.describe("visual", () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  for (const theme of ["light", "dark"] as const) {
    test(`commit-timing-commit-after looks as reviewed (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
      const element = await open(page);
      await page.evaluate(() => document.fonts.ready);
      await expect(element).toHaveScreenshot(`commit-timing-commit-after-${theme}.png`);
    });
  }
});
