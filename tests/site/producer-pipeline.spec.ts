import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * <kl-producer-pipeline> in the producer chapter: every knob and action changes what the stage
 * shows (its text alternative, the `img` role's name, says what is drawn), the keyboard drives
 * the player, a link restores the exact state, and the figure is axe clean in both themes.
 */

const PAGE = "/chapters/producer/";
const TAG = "kl-producer-pipeline";

async function openWidget(page: Page, path = PAGE): Promise<Locator> {
  await page.goto(path);
  const widget = page.locator(TAG).first();
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute("data-kl-ready", "", { timeout: 30_000 });
  return widget;
}

async function stageText(widget: Locator): Promise<string> {
  return (await widget.getByRole("img").first().getAttribute("aria-label")) ?? "";
}

/** The largest record count of any batch the stage describes right now. */
function largestBatch(text: string): number {
  return Math.max(0, ...[...text.matchAll(/ with (\d+) records/g)].map((m) => Number(m[1])));
}

async function slide(page: Page, widget: Locator, name: string, key: "Home" | "End" | "ArrowRight" | "ArrowLeft"): Promise<void> {
  const slider = widget.getByRole("slider", { name });
  await slider.focus();
  await page.keyboard.press(key);
}

async function toEnd(widget: Locator): Promise<void> {
  await widget.getByRole("button", { name: "Jump to the end" }).click();
}

function toBase64Url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

test.describe("producer-pipeline widget (P-PIPELINE, P-ACCUM, P-SENDER, P-ACKS)", () => {
  test("the first frame shows keyed records filling the accumulator's batches and requests in flight", async ({ page }) => {
    const widget = await openWidget(page);
    const text = await stageText(widget);
    expect(text).toContain("producer-0 sends keyed records to orders with acks=all, batch.size 1024 bytes, linger.ms 400");
    expect(text).toMatch(/orders-0 → broker 1: batch b\d+ open with \d records/);
    expect(text).toMatch(/Buffer pool: [\d,]+ B of 16 KB used/);
  });

  test("batch.size: bigger batches hold more records", async ({ page }) => {
    const widget = await openWidget(page);
    // At 1.0 s the first batches are full (1 KB) or about to be sent; a knob keeps the player's time.
    const time = widget.getByRole("slider", { name: "Simulated time" });
    await time.focus();
    await page.keyboard.press("Home");
    await page.keyboard.press("Shift+ArrowRight");
    await expect(time).toHaveAttribute("aria-valuetext", /^(t = )?1(\.0)? s/);
    const before = largestBatch(await stageText(widget));
    expect(before).toBeLessThanOrEqual(4);
    await slide(page, widget, "batch.size", "End");
    await expect.poll(async () => stageText(widget)).toContain("batch.size 4096 bytes");
    expect(largestBatch(await stageText(widget))).toBeGreaterThan(4);
  });

  test("linger.ms = 0: no batch waits, records leave almost one by one", async ({ page }) => {
    const widget = await openWidget(page);
    await slide(page, widget, "linger.ms", "Home");
    await expect.poll(async () => stageText(widget)).toContain("linger.ms 0 ");
    expect(await stageText(widget)).not.toMatch(/linger \d+ ms left/);
  });

  test("buffer.memory: a one-batch buffer makes send() block", async ({ page }) => {
    const widget = await openWidget(page);
    expect(await stageText(widget)).not.toContain("send() blocked");
    await slide(page, widget, "buffer.memory", "Home");
    await expect.poll(async () => stageText(widget)).toMatch(/1,024 B of 1,024 B used, 0 B free; send\(\) blocked with 1 waiting/);
  });

  test("max.in.flight.requests.per.connection: one slot per broker", async ({ page }) => {
    const widget = await openWidget(page);
    await slide(page, widget, "max.in.flight.requests.per.connection", "Home");
    await expect.poll(async () => stageText(widget)).toMatch(/Broker 1: [01] of 1 requests in flight/);
  });

  test("P-ACKS: acks=0 completes batches without an offset", async ({ page }) => {
    const widget = await openWidget(page);
    await widget.getByRole("group", { name: "acks" }).getByText("0", { exact: true }).click();
    await expect(widget.getByRole("radio", { name: "0" })).toBeChecked();
    await toEnd(widget);
    await expect.poll(async () => stageText(widget)).toContain("no offset (acks=0)");
  });

  test("Send 10 records and Send 100 records add records from the player's time; keyless records are a choice", async ({ page }) => {
    const widget = await openWidget(page);
    await toEnd(widget);
    expect(await stageText(widget)).toContain("36 records sent");
    await widget.getByRole("button", { name: "Back to the start" }).click();
    await widget.getByRole("button", { name: "Send 10 records" }).click();
    await toEnd(widget);
    await expect.poll(async () => stageText(widget)).toContain("46 records sent");
    await widget.getByRole("button", { name: "Send 1 record" }).click();
    await widget.getByRole("button", { name: "Send 100 records" }).click();
    await toEnd(widget);
    await expect.poll(async () => stageText(widget)).toMatch(/1[0-4]\d records sent/);
    await widget.getByRole("button", { name: "Switch to keyless records" }).click();
    await expect.poll(async () => stageText(widget)).toContain("sends keyless records");
    await expect(widget.getByRole("button", { name: "Switch to keyed records" })).toBeVisible();
  });

  test("keyboard: End jumps to the end of the run, Home back to the start, arrows step", async ({ page }) => {
    const widget = await openWidget(page);
    const time = widget.getByRole("slider", { name: "Simulated time" });
    await time.focus();
    await page.keyboard.press("End");
    await expect(time).toHaveAttribute("aria-valuetext", /4(\.0)? s/);
    expect(await stageText(widget)).toContain("36 acknowledged");
    await page.keyboard.press("Home");
    await expect(time).toHaveAttribute("aria-valuetext", /^(t = )?0(\.0)? s/);
    expect(await stageText(widget)).toContain("0 records sent");
    await page.keyboard.press("Shift+ArrowRight");
    await expect(time).toHaveAttribute("aria-valuetext", /^(t = )?1(\.0)? s/);
    expect(await stageText(widget)).toMatch(/Last record: #\d+/);
  });

  test("a link restores the exact state: knobs, actions and time", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const widget = await openWidget(page);
    await slide(page, widget, "linger.ms", "Home");
    await expect.poll(async () => stageText(widget)).toContain("linger.ms 0 ");
    await widget.getByRole("button", { name: "Copy link to this state" }).click();
    const url = page.url();
    expect(url).toContain("#producer-pipeline-default=");
    const before = await stageText(widget);
    const again = await context.newPage();
    const restored = await openWidget(again, url.slice(url.indexOf(PAGE)));
    expect(await stageText(restored)).toBe(before);
  });

  test("a shared scenario in the URL is run as given (buffer-full: blocked sends time out)", async ({ page }) => {
    const scenario = {
      version: 1,
      seed: 11,
      durationMs: 3_500,
      cluster: { brokers: 3, network: { latencyMsMin: 40, latencyMsMax: 60, dropRatio: 0 } },
      topics: [{ name: "orders", partitions: 3, replicationFactor: 3, assignment: [[1, 2, 3], [2, 3, 1], [3, 1, 2]], config: { "min.insync.replicas": 2 } }],
      workload: [
        {
          type: "producer",
          client: "producer-0",
          topic: "orders",
          startMs: 500,
          count: 40,
          intervalMs: 0,
          keys: ["alice", "dave", "bob", "carol", "grace", "frank"],
          valueBytes: 200,
          mode: "async",
          config: { "batch.size": 1024, "linger.ms": 50, "buffer.memory": 3072, "max.block.ms": 150, acks: "all" },
        },
      ],
    };
    const hash = `#producer-pipeline-default=${toBase64Url(JSON.stringify({ v: 1, t: 3_500, s: scenario }))}`;
    const widget = await openWidget(page, `${PAGE}${hash}`);
    expect(await stageText(widget)).toMatch(/\([1-9]\d* TimeoutException\)/);
  });

  test("a malformed link shows a clear message and the default scene", async ({ page }) => {
    const widget = await openWidget(page, `${PAGE}#producer-pipeline-default=not*base64`);
    await expect(widget.getByRole("alert")).toContainText(/link/i);
    expect(await stageText(widget)).toContain("producer-0 sends keyed records to orders");
  });

  for (const theme of ["light", "dark"] as const) {
    test(`has no axe violations in the ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      const widget = await openWidget(page);
      await widget.getByRole("button", { name: "Send 100 records" }).click();
      await widget.getByText("Event log").click();
      const results = await new AxeBuilder({ page }).include(TAG).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(results.violations).toEqual([]);
    });
  }
});

test.describe("producer-pipeline visual regression", () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  for (const theme of ["light", "dark"] as const) {
    test(`producer-pipeline-default looks as reviewed (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
      const widget = await openWidget(page);
      await page.evaluate(() => document.fonts.ready);
      await expect(widget).toHaveScreenshot(`producer-pipeline-default-${theme}.png`);
    });
  }
});
