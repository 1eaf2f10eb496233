import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * The producer chapter's partitioner widget (P-PARTITION) and batching chart (P-ACCUM): every
 * knob reacts the way a reader would notice, typed and generated keys update the table, the
 * state survives a link, the keyboard reaches everything, axe finds nothing in either theme.
 */
const PAGE = "/chapters/producer/";

async function open(page: Page, tag: "kl-partitioner" | "kl-batching-chart", hash = ""): Promise<Locator> {
  // A new hash on the same page is not a navigation; start from a blank page so the widget reads it.
  if (hash) await page.goto("about:blank");
  await page.goto(PAGE + hash);
  const widget = page.locator(tag).first();
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute("data-kl-ready", "", { timeout: 30_000 });
  return widget;
}

/** A segmented choice is clicked by its label, as a reader does (the radio itself is visually hidden). */
async function choose(widget: Locator, group: string, option: string): Promise<void> {
  await widget.getByRole("group", { name: group, exact: true }).getByText(option, { exact: true }).click();
}

/** The key table's rows (not the partition group headers). */
const keyRows = (widget: Locator) => widget.locator("tr.klp-row");
const keysStatus = (widget: Locator) => widget.locator(".klp-status").first();
const compareStatus = (widget: Locator) => widget.locator(".klp-compare .klp-status");

test.describe("partitioner widget (P-PARTITION)", () => {
  test("it starts with the default keys, each with its murmur2 and partition, grouped by partition", async ({ page }) => {
    const widget = await open(page, "kl-partitioner");
    await expect(keyRows(widget)).toHaveCount(10);
    await expect(keysStatus(widget)).toHaveText("10 keys over 3 partitions.");
    // "alice" as Kafka hashes it: murmur2 1951417749, partition 1951417749 % 3 = 0.
    const alice = widget.locator('tr[data-key="alice"]');
    await expect(alice).toContainText("1951417749");
    await expect(alice.locator(".klp-badge")).toHaveText("P0");
    await expect(widget.getByRole("rowgroup").filter({ hasText: "Partition 2: 4 keys" })).toHaveCount(1);
  });

  test("typing keys updates the rows; an empty field shows the empty state", async ({ page }) => {
    const widget = await open(page, "kl-partitioner");
    const field = widget.getByRole("textbox", { name: /Keys/ });
    await field.fill("21, foobar\nabc");
    await expect(keyRows(widget)).toHaveCount(3);
    // Kafka's UtilsTest: murmur2("21") = -973932308.
    await expect(widget.locator('tr[data-key="21"]')).toContainText("-973932308");
    await expect(keysStatus(widget)).toHaveText("3 keys over 3 partitions.");
    await field.fill("");
    await expect(widget.getByText(/No keys yet\. Type some keys above/)).toBeVisible();
    await expect(keyRows(widget)).toHaveCount(0);
    await expect(keysStatus(widget)).toHaveText("No keys yet.");
  });

  test("huge input is bounded with a message", async ({ page }) => {
    const widget = await open(page, "kl-partitioner");
    await widget.getByRole("textbox", { name: /Keys/ }).fill(Array.from({ length: 150 }, (_, i) => `k${i}`).join(","));
    await expect(keyRows(widget)).toHaveCount(100);
    await expect(widget.getByText("Showing the first 100 of 150 distinct keys; the rest are left out.")).toBeVisible();
  });

  test("Generate keys makes user-1..user-N; a bad count is refused naming the field and the range", async ({ page }) => {
    const widget = await open(page, "kl-partitioner");
    const count = widget.getByRole("spinbutton", { name: "How many keys" });
    await count.fill("5");
    await widget.getByRole("button", { name: "Generate keys" }).click();
    await expect(keyRows(widget)).toHaveCount(5);
    await expect(widget.getByRole("textbox", { name: /Keys/ })).toHaveValue("user-1\nuser-2\nuser-3\nuser-4\nuser-5");
    await count.fill("0");
    await count.press("Enter");
    await expect(widget.getByText("How many keys: 0 is not allowed; use a whole number from 1 to 100.")).toBeVisible();
    await expect(keyRows(widget)).toHaveCount(5);
  });

  test("changing the partition count by keyboard remaps keys and marks the ones that moved", async ({ page }) => {
    const widget = await open(page, "kl-partitioner");
    const slider = widget.getByRole("slider", { name: "Partitions in the topic" });
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await expect(slider).toHaveAttribute("aria-valuetext", "4 partitions");
    await expect(keysStatus(widget)).toContainText("keys moved when the topic went from 3 to 4 partitions (marked ↻).");
    const moved = widget.locator("tr.klp-row--moved");
    expect(await moved.count()).toBeGreaterThan(0);
    await expect(moved.first()).toContainText(/moved from P[0-2]/);
    await expect(widget.getByRole("rowgroup").filter({ hasText: "Partition 3:" })).toHaveCount(1);
  });

  test("linger.ms and the send rate re-run the comparison", async ({ page }) => {
    const widget = await open(page, "kl-partitioner");
    await expect(compareStatus(widget)).toContainText("Keyless records at 1000 per second with linger.ms=20:");
    const before = await compareStatus(widget).textContent();
    const linger = widget.getByRole("slider", { name: "linger.ms" });
    await linger.focus();
    await page.keyboard.press("Home");
    await expect(compareStatus(widget)).toContainText("with linger.ms=0:");
    expect(await compareStatus(widget).textContent()).not.toBe(before);
    await choose(widget, "Records per second", "100");
    await expect(compareStatus(widget)).toContainText("Keyless records at 100 per second with linger.ms=0:");
    // The numbers are in a table too, one row per partitioner.
    await widget.getByText("Show the numbers as a table").click();
    await expect(widget.locator(".klp-numbers tbody tr")).toHaveCount(3);
  });

  test("a copied link restores the keys, the partition counts and the knobs; a broken one says why", async ({ page }) => {
    const widget = await open(page, "kl-partitioner");
    await widget.getByRole("textbox", { name: /Keys/ }).fill("x, y, z");
    const slider = widget.getByRole("slider", { name: "Partitions in the topic" });
    await slider.focus();
    await page.keyboard.press("End");
    await widget.getByRole("button", { name: "Copy link to this state" }).click();
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/partitioner=/);
    const restored = await open(page, "kl-partitioner", hash);
    await expect(keyRows(restored)).toHaveCount(3);
    await expect(keysStatus(restored)).toContainText("3 keys over 12 partitions.");
    await expect(keysStatus(restored)).toContainText("from 3 to 12 partitions");
    const broken = await open(page, "kl-partitioner", "#partitioner=eyJ2IjoxfQ");
    await expect(broken.getByRole("alert").first()).toContainText("could not be restored");
    await expect(keyRows(broken)).toHaveCount(10);
  });
});

test.describe("batching chart (P-ACCUM)", () => {
  const status = (widget: Locator) => widget.locator(".klb-status");

  test("it starts with the engine's sweep, charted and as a table, within the time budget", async ({ page }) => {
    const widget = await open(page, "kl-batching-chart");
    await expect(status(widget)).toContainText("36 engine runs, each sending records of 1000 bytes at 500 per second for 500 ms, measured from 150 to 450 ms.");
    await expect(widget.locator(".klb-chart svg")).toHaveCount(2);
    await expect(widget.locator(".klb-chart-title")).toHaveText(["Records per produce request", "Latency (p99), send() to acknowledgement"]);
    await widget.getByText("Show the numbers as a table").click();
    await expect(widget.locator(".klb-table tbody tr")).toHaveCount(36);
    // Time a sweep after the first (which also compiles the engine): leave and come back to the default.
    await choose(widget, "Records per second (send rate)", "1,000");
    await expect(status(widget)).toContainText("at 1000 per second for 500 ms");
    await choose(widget, "Records per second (send rate)", "500");
    await expect(status(widget)).toContainText("at 500 per second for 500 ms");
    const sweepMs = await widget.evaluate((element) => (element as unknown as { lastSweepMs: number }).lastSweepMs);
    console.info(`batching-chart sweep: ${sweepMs.toFixed(0)} ms`);
    // The target is about 300 ms on a desktop; the bound leaves room for a loaded 2-core CI machine.
    expect(sweepMs).toBeLessThan(2_000);
  });

  test("the send rate and the record size re-sweep, and the arrow keys move between choices", async ({ page }) => {
    const widget = await open(page, "kl-batching-chart");
    await choose(widget, "Records per second (send rate)", "1,000");
    await expect(status(widget)).toContainText("at 1000 per second");
    await widget.getByRole("radio", { name: "100 B", exact: true }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(widget.getByRole("radio", { name: "1,000 B", exact: true })).toBeChecked();
    await choose(widget, "Record size (value bytes)", "10,000 B");
    await expect(status(widget)).toContainText("records of 10000 bytes at 1000 per second");
    await expect(widget).not.toHaveAttribute("aria-busy", "true");
  });

  test("a copied link restores the knobs", async ({ page }) => {
    const widget = await open(page, "kl-batching-chart");
    await choose(widget, "Records per second (send rate)", "100");
    await expect(status(widget)).toContainText("at 100 per second");
    await widget.getByRole("button", { name: "Copy link to this state" }).click();
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/batching-chart=/);
    const restored = await open(page, "kl-batching-chart", hash);
    await expect(status(restored)).toContainText("at 100 per second");
    await expect(restored.getByRole("radio", { name: "100", exact: true })).toBeChecked();
  });
});

for (const theme of ["light", "dark"] as const) {
  test(`the partitioner and the batching chart have no axe violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await open(page, "kl-partitioner");
    const chart = page.locator("kl-batching-chart");
    await chart.scrollIntoViewIfNeeded();
    await expect(chart).toHaveAttribute("data-kl-ready", "", { timeout: 30_000 });
    const results = await new AxeBuilder({ page })
      .include("kl-partitioner")
      .include("kl-batching-chart")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`)).toEqual([]);
  });
}

test.describe("visual", () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  for (const theme of ["light", "dark"] as const) {
    for (const [tag, name] of [["kl-partitioner", "partitioner-default"], ["kl-batching-chart", "batching-chart-default"]] as const) {
      test(`${name} looks as reviewed (${theme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
        const widget = await open(page, tag);
        await page.evaluate(() => document.fonts.ready);
        await expect(widget).toHaveScreenshot(`${name}-${theme}.png`);
      });
    }
  }
});
