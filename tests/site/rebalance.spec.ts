import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * <kl-rebalance> in the chapter "Rebalancing" (G-REBALANCE, G-ASSIGN, G-GROUP): every knob and
 * action changes what the stage shows (read through its text alternative), the keyboard drives
 * the player, a shared link restores the exact state, a malformed one is explained, and the
 * page passes axe in both themes.
 */

const PAGE = "/chapters/rebalancing/";

async function openWidget(page: Page, index = 0, path = PAGE): Promise<Locator> {
  await page.goto(path);
  const widget = page.locator("kl-rebalance").nth(index);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute("data-kl-ready", "");
  return widget;
}

async function stageText(widget: Locator): Promise<string> {
  return (await widget.getByRole("img").first().getAttribute("aria-label")) ?? "";
}

async function toEnd(widget: Locator): Promise<string> {
  await widget.getByRole("button", { name: "Jump to the end" }).click();
  return stageText(widget);
}

async function slideTo(page: Page, widget: Locator, name: string, key: "Home" | "End"): Promise<void> {
  const slider = widget.getByRole("slider", { name });
  await slider.focus();
  await page.keyboard.press(key);
}

function toBase64Url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

test.describe("rebalance widget: knobs", () => {
  test("partition.assignment.strategy: cooperative-sticky switches the group to cooperative rebalancing", async ({ page }) => {
    const widget = await openWidget(page);
    expect(await stageText(widget)).toContain("Assignor range, eager rebalancing");
    await widget.locator("label.kl-segmented-option", { hasText: "cooperative-sticky" }).click();
    expect(await stageText(widget)).toContain("Assignor cooperative-sticky, cooperative rebalancing");
    await widget.locator("label.kl-segmented-option", { hasText: "roundrobin" }).click();
    expect(await stageText(widget)).toContain("Assignor roundrobin, eager rebalancing");
  });

  test("session.timeout.ms: after a crash, a longer session timeout leaves the crashed member's partitions unread for longer", async ({ page }) => {
    const widget = await openWidget(page);
    await widget.getByRole("button", { name: "Crash consumer-2" }).click();
    const short = await toEnd(widget);
    expect(short).toContain("consumer-2 is left (crashed; removed after session.timeout.ms");
    await slideTo(page, widget, "session.timeout.ms", "End");
    const long = await toEnd(widget);
    expect(long).not.toEqual(short);
    const gap = (text: string) => Number(/went unread after the group formed: ([\d.]+) s/.exec(text)?.[1] ?? 0);
    expect(gap(long)).toBeGreaterThan(gap(short));
  });

  test("max.poll.interval.ms: a stall that outlasted it no longer does once it is raised", async ({ page }) => {
    const widget = await openWidget(page);
    await widget.getByRole("button", { name: "Stall consumer-0" }).click();
    const stalledOut = await toEnd(widget);
    await widget.getByRole("button", { name: "Back to the start" }).click();
    await slideTo(page, widget, "max.poll.interval.ms", "End");
    const kept = await toEnd(widget);
    expect(kept).not.toEqual(stalledOut);
  });

  test("heartbeat.interval.ms: members learn of the rebalance sooner, so the gaps change", async ({ page }) => {
    const widget = await openWidget(page);
    const before = await toEnd(widget);
    await slideTo(page, widget, "heartbeat.interval.ms", "Home");
    expect(await toEnd(widget)).not.toEqual(before);
  });

  test("partitions: twelve partitions are all read at the end", async ({ page }) => {
    const widget = await openWidget(page);
    await slideTo(page, widget, "Partitions of the topic", "End");
    expect(await toEnd(widget)).toContain("All 12 partitions are being read");
  });

  test("the listener toggle removes the records processed twice", async ({ page }) => {
    const widget = await openWidget(page, 2);
    const without = await toEnd(widget);
    expect(without).toMatch(/[1-9]\d* of \d+ records were processed twice/);
    await widget.locator("label.kl-segmented-option", { hasText: "commitSync on revoke" }).click();
    const withListener = await toEnd(widget);
    expect(withListener).toMatch(/ 0 of \d+ records were processed twice/);
    expect(withListener).toContain("the listener commits in onPartitionsRevoked");
  });
});

test.describe("rebalance widget: actions", () => {
  test("Add consumer: a fourth member joins and takes partitions", async ({ page }) => {
    const widget = await openWidget(page);
    await widget.getByRole("button", { name: "Add consumer" }).click();
    expect(await toEnd(widget)).toMatch(/consumer-3 is reading and owns p\d/);
  });

  test("Remove consumer-0: it leaves cleanly and its partitions go to the others", async ({ page }) => {
    const widget = await openWidget(page);
    await widget.getByRole("button", { name: "Remove consumer-0" }).click();
    const end = await toEnd(widget);
    expect(end).toContain("consumer-0 is left (left the group cleanly (LeaveGroup)) and owns no partition");
    expect(end).toContain("All 6 partitions are being read");
  });

  test("Crash consumer-1: it holds its partitions, unread, until the session times out", async ({ page }) => {
    const widget = await openWidget(page);
    await widget.getByRole("button", { name: "Crash consumer-1" }).click();
    expect(await stageText(widget)).toMatch(/consumer-1 is crashed \(crashed without a LeaveGroup.*\) and owns p2, p3/);
    await expect(widget.getByRole("button", { name: "Crash consumer-1" })).toBeHidden();
  });

  test("Stall consumer-2: its poll loop stops and nobody reads its partitions", async ({ page }) => {
    const widget = await openWidget(page);
    await widget.getByRole("button", { name: "Stall consumer-2" }).click();
    const time = widget.getByRole("slider", { name: "Simulated time" });
    await time.focus();
    await page.keyboard.press("Shift+ArrowRight");
    expect(await stageText(widget)).toMatch(/consumer-2 is stalled \(stalled in its poll loop until [\d.]+ s\)/);
    expect(await stageText(widget)).toMatch(/Nobody reads .*p4, p5/);
  });
});

test.describe("rebalance widget: keyboard and links", () => {
  test("keyboard: End jumps to the end of the run and Home back to the start", async ({ page }) => {
    const widget = await openWidget(page);
    const time = widget.getByRole("slider", { name: "Simulated time" });
    await time.focus();
    await page.keyboard.press("End");
    await expect(time).toHaveAttribute("aria-valuetext", /30(\.0)? s/);
    expect(await stageText(widget)).toMatch(/^At 30\.0 s/);
    await page.keyboard.press("Home");
    await expect(time).toHaveAttribute("aria-valuetext", /^(t = )?0(\.0)? s/);
  });

  test("a copied link restores the scenario and the time", async ({ page }) => {
    const widget = await openWidget(page, 1);
    await widget.getByRole("button", { name: "Crash consumer-0" }).click();
    await widget.getByRole("button", { name: "Copy link to this state" }).click();
    const before = await stageText(widget);
    const hash = await page.evaluate(() => window.location.hash);
    expect(hash).toMatch(/^#rebalance-cooperative=/);
    const restored = await openWidget(page, 1, `${PAGE}${hash}`);
    expect(await stageText(restored)).toEqual(before);
  });

  test("a link written by hand with a scenario restores it", async ({ page }) => {
    const scenario = {
      version: 1,
      seed: 3,
      durationMs: 20_000,
      cluster: { brokers: 1, config: { "offsets.topic.num.partitions": 1, "offsets.topic.replication.factor": 1 } },
      topics: [{ name: "orders", partitions: 2, replicationFactor: 1 }],
      workload: [0, 1, 2].map((i) => ({ type: "consumer", client: `consumer-${i}`, groupId: "orders-app", topics: ["orders"], config: { "session.timeout.ms": 6000, "heartbeat.interval.ms": 1000 } })),
    };
    const hash = `#rebalance-three-members=${toBase64Url(JSON.stringify({ v: 1, t: 20_000, s: scenario }))}`;
    const widget = await openWidget(page, 0, `${PAGE}${hash}`);
    expect(await stageText(widget)).toMatch(/is reading \(idle: only 2 partitions to share\)/);
  });

  test("a malformed shared link shows a clear message and the default scene", async ({ page }) => {
    const widget = await openWidget(page, 0, `${PAGE}#rebalance-three-members=not*base64`);
    await expect(widget.getByRole("alert")).toContainText(/link/i);
    expect(await stageText(widget)).toContain("group orders-app is Stable in generation 1");
  });
});

for (const theme of ["light", "dark"] as const) {
  test(`the rebalancing chapter with its widgets running has no axe violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await page.goto(PAGE);
    for (let i = 0; i < 3; i++) {
      const widget = page.locator("kl-rebalance").nth(i);
      await widget.scrollIntoViewIfNeeded();
      await expect(widget).toHaveAttribute("data-kl-ready", "");
    }
    const results = await new AxeBuilder({ page }).include("kl-rebalance").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test.describe("rebalance widget: visual", () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  const widgets = [
    { index: 0, name: "rebalance-three-members" },
    { index: 1, name: "rebalance-cooperative" },
  ];
  for (const theme of ["light", "dark"] as const) {
    for (const widget of widgets) {
      test(`${widget.name} looks as reviewed (${theme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
        await page.goto(PAGE);
        const element = page.locator("kl-rebalance").nth(widget.index);
        await element.scrollIntoViewIfNeeded();
        await expect(element).toHaveAttribute("data-kl-ready", "");
        await page.evaluate(() => document.fonts.ready);
        await expect(element).toHaveScreenshot(`${widget.name}-${theme}.png`);
      });
    }
  }
});
