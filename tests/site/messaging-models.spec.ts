import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * The consumers chapter's messaging-models widget in Chromium: one topic read by one group,
 * by a group per consumer, or by a share group. It loads, reacts to every knob and action,
 * works from the keyboard, restores its state from a link, refuses a malformed one clearly,
 * passes axe in light and dark, and looks as reviewed. (Baselines: the integrator's.)
 */
const PAGE = "/chapters/consumers/";
const TAG = "kl-messaging-models";

async function open(page: Page, url = PAGE): Promise<Locator> {
  await page.goto(url);
  const element = page.locator(TAG).first();
  await element.scrollIntoViewIfNeeded();
  await expect(element).toHaveAttribute("data-kl-ready", "", { timeout: 20_000 });
  return element;
}

const stage = (element: Locator) => element.locator("svg.kl-stage-svg");
const stageText = async (element: Locator) => (await stage(element).getAttribute("aria-label")) ?? "";

async function toEnd(element: Locator): Promise<void> {
  await element.getByRole("button", { name: "Jump to the end" }).click();
}

async function chooseModel(element: Locator, label: string): Promise<void> {
  await element.getByRole("group", { name: "Model" }).getByText(label, { exact: true }).click();
}

async function setSlider(element: Locator, name: string, value: number): Promise<void> {
  const slider = element.getByRole("slider", { name });
  await slider.fill(String(value));
  await slider.dispatchEvent("change");
}

test("without JavaScript the static frame is the summary table: three consumers, one partition each", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PAGE);
  const table = page.locator(`${TAG} .kl-static table`);
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(table).toContainText("reads orders-0");
  await expect(page.locator(`${TAG} .kl-static`)).toContainText("records produced");
  await context.close();
});

test("one group: each record is drawn once, in the consumer that got it", async ({ page }) => {
  const element = await open(page);
  await toEnd(element);
  expect(await stageText(element)).toMatch(/30 record\(s\) produced.*went out 1 time\(s\)/);
  // One copy per record across all consumers: 30 records, but each consumer shows only its newest copies.
  const copies = element.locator("g.kl-mm-copy");
  const ids = await copies.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-record")));
  expect(new Set(ids).size).toBe(ids.length);
});

test("the model knob: a group each gives every consumer every record; a share group acknowledges each once", async ({ page }) => {
  const element = await open(page);
  await chooseModel(element, "a group each");
  await toEnd(element);
  await expect(stage(element)).toHaveAttribute("aria-label", /3 groups: every group gets every record.*went out 3 time\(s\)/);
  await expect(element.locator('g.kl-mm-copy[data-record="producer-0#9"]')).toHaveCount(3);
  await chooseModel(element, "share group");
  await toEnd(element);
  await expect(stage(element)).toHaveAttribute("aria-label", /Share group \(orders-share\).*30 acknowledged/);
  // The state of each record is a glyph plus its delivery count, not a colour only.
  await expect(element.locator("g.kl-mm-partition text.kl-mm-state").first()).toHaveText("✓1");
});

test("the consumers knob: four consumers in one group on three partitions leave one idle; in a share group all work", async ({ page }) => {
  const element = await open(page);
  await setSlider(element, "Consumers", 4);
  await toEnd(element);
  await expect(element.locator("g.kl-mm-consumer--idle")).toHaveCount(1);
  await expect(stage(element)).toHaveAttribute("aria-label", /consumer-3 \(orders-app\): idle: all 3 partition\(s\) are taken, 0 record\(s\) received/);
  await chooseModel(element, "share group");
  await toEnd(element);
  await expect(element.locator("g.kl-mm-consumer--idle")).toHaveCount(0);
  await expect(element.locator("g.kl-mm-consumer--reading")).toHaveCount(4);
});

test("the partitions knob: six partitions make six logs, each with its own key", async ({ page }) => {
  const element = await open(page);
  await setSlider(element, "Partitions", 6);
  await toEnd(element);
  await expect(element.locator("g.kl-mm-partition")).toHaveCount(6);
  await expect(stage(element)).toHaveAttribute("aria-label", /Topic orders has 6 partition\(s\); 60 record\(s\) produced/);
});

test("Crash a consumer in a share group: the record it held comes back, delivered a second time", async ({ page }) => {
  const element = await open(page);
  await chooseModel(element, "share group");
  const time = element.getByRole("slider", { name: "Simulated time" });
  await time.focus();
  await page.keyboard.press("Home");
  // Step to a moment when some consumer holds a locked record, then crash it.
  for (let i = 0; i < 200 && (await element.locator("g.kl-mm-share--acquired").count()) === 0; i++) await page.keyboard.press("ArrowRight");
  await element.getByRole("button", { name: "Crash a consumer" }).click();
  await expect(element.locator("g.kl-mm-consumer--crashed")).toHaveCount(1);
  await toEnd(element);
  await expect(stage(element)).toHaveAttribute("aria-label", /crashed.*record\(s\) were delivered more than once/);
  // On the log: acknowledged on the second delivery ("✓2").
  await expect(element.locator("g.kl-mm-partition text.kl-mm-state", { hasText: "✓2" }).first()).toBeVisible();
});

test("Crash a consumer in one group: its partition moves to another member", async ({ page }) => {
  const element = await open(page);
  await element.getByRole("button", { name: "Crash a consumer" }).click();
  await toEnd(element);
  await expect(element.locator("g.kl-mm-consumer--crashed")).toHaveCount(1);
  const text = await stageText(element);
  expect(text).toMatch(/crashed/);
  expect(text).toMatch(/reads orders-\d, orders-\d/);
});

test("Add a consumer: a new consumer joins at the current time", async ({ page }) => {
  const element = await open(page);
  await element.getByRole("button", { name: "Add a consumer" }).click();
  await expect(element.locator("g.kl-mm-consumer")).toHaveCount(4);
  await expect(element.getByRole("slider", { name: "Consumers" })).toHaveValue("4");
  await toEnd(element);
  await expect(stage(element)).toHaveAttribute("aria-label", /consumer-3 \(orders-app\)/);
});

test("keyboard: the arrow keys step through time, End and Home jump", async ({ page }) => {
  const element = await open(page);
  const time = element.getByRole("slider", { name: "Simulated time" });
  await time.focus();
  await page.keyboard.press("Home");
  await expect(stage(element)).toHaveAttribute("aria-label", /0 record\(s\) produced/);
  await page.keyboard.press("End");
  await expect(time).toHaveAttribute("aria-valuetext", /20(\.0)? s/);
  await expect(stage(element)).toHaveAttribute("aria-label", /30 record\(s\) produced/);
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(time).toHaveAttribute("aria-valuetext", /19(\.0)? s/);
  // The model choice is a radio group: arrows move between the models.
  await element.getByRole("radio", { name: "one group" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(element.getByRole("radio", { name: "a group each" })).toBeChecked();
  await expect(stage(element)).toHaveAttribute("aria-label", /3 groups/);
});

test("a link restores the widget's state: model and consumers", async ({ page }) => {
  const element = await open(page);
  await chooseModel(element, "share group");
  await setSlider(element, "Consumers", 2);
  await element.getByRole("button", { name: "Copy link to this state" }).click();
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#messaging-models-one-group=/);
  const url = await page.evaluate(() => window.location.href);
  const fresh = await page.context().newPage();
  const again = await open(fresh, url);
  await expect(again.getByRole("radio", { name: "share group" })).toBeChecked();
  await expect(again.getByRole("slider", { name: "Consumers" })).toHaveValue("2");
  await expect(stage(again)).toHaveAttribute("aria-label", /Share group/);
});

test("a malformed link shows a clear message and the default scene", async ({ page }) => {
  const element = await open(page, `${PAGE}#messaging-models-one-group=not*base64`);
  await expect(element.getByRole("alert")).toContainText(/could not be restored/);
  await expect(stage(element)).toHaveAttribute("aria-label", /One group \(orders-app\)/);
});

for (const theme of ["light", "dark"] as const) {
  test(`messaging-models passes axe (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    const element = await open(page);
    await chooseModel(element, "share group");
    const results = await new AxeBuilder({ page }).include(TAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test.describe("visual", () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  for (const theme of ["light", "dark"] as const) {
    test(`messaging-models-one-group looks as reviewed (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
      const element = await open(page);
      await page.evaluate(() => document.fonts.ready);
      await expect(element).toHaveScreenshot(`messaging-models-one-group-${theme}.png`);
    });
  }
});
