import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * Every widget reacts to its knobs and actions the way a reader would notice: the stage's text
 * alternative (the `img` role's name, which always describes what is drawn) changes as the
 * engine's story changes.
 */

async function openWidget(page: Page, path: string, tag: string, index = 0): Promise<Locator> {
  await page.goto(path);
  const widget = page.locator(tag).nth(index);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute("data-kl-ready", "");
  return widget;
}

/** The stage's description: what the picture shows right now, in words. */
async function stageText(widget: Locator): Promise<string> {
  return (await widget.getByRole("img").first().getAttribute("aria-label")) ?? "";
}

async function toEnd(widget: Locator) {
  await widget.getByRole("button", { name: "Jump to the end" }).click();
}

function toBase64Url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

test.describe("replica-log widget (C-HW, C-LEO, C-ISR, T-REPLICA)", () => {
  test("Crash leader: the controller elects a new leader from the ISR in a higher leader epoch", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/replication/", "kl-replica-log");
    expect(await stageText(widget)).toContain("leader broker 1 in leader epoch 0");
    await widget.getByRole("button", { name: "Crash leader" }).click();
    await toEnd(widget);
    const after = await stageText(widget);
    expect(after).toMatch(/leader broker [23] in leader epoch [1-9]/);
    expect(after).toContain("Broker 1: dead");
  });

  test("Slow follower: the slowed replica falls out of the ISR after replica.lag.time.max.ms", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/replication/", "kl-replica-log");
    await widget.getByRole("button", { name: "Slow follower" }).click();
    await toEnd(widget);
    expect(await stageText(widget)).toMatch(/ISR \[1, [23]\]/);
    expect(await stageText(widget)).toContain("out of sync");
  });

  test("min.insync.replicas and acks change what is acknowledged when the ISR shrinks", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/replication/", "kl-replica-log");
    const slider = widget.getByRole("slider", { name: "min.insync.replicas" });
    await slider.focus();
    await page.keyboard.press("End");
    await expect(widget.getByRole("status").first()).toHaveText("3");
    await widget.getByRole("button", { name: "Slow follower" }).click();
    await toEnd(widget);
    const strict = await stageText(widget);
    expect(strict).toMatch(/[1-9]\d* failed so far/);
    // Knob changes act from the player's current time (a fork), so go back to the start first.
    await widget.getByRole("button", { name: "Back to the start" }).click();
    // The segmented control's labels are what a reader clicks.
    await widget.getByRole("group", { name: "acks (producer)" }).getByText("1", { exact: true }).click();
    await expect(widget.getByRole("radio", { name: "1" })).toBeChecked();
    await toEnd(widget);
    // With acks=1 the leader answers alone, so a small ISR no longer fails sends.
    expect(await stageText(widget)).toMatch(/ 0 failed so far/);
  });

  test("unclean.leader.election.enable: a shared link to an unclean election shows the lost record and why", async ({ page }) => {
    const scenario = {
      version: 1,
      seed: 5,
      durationMs: 36_000,
      cluster: { brokers: 3, config: { "zookeeper.session.timeout.ms": 6_000, "replica.lag.time.max.ms": 4_000 } },
      topics: [{ name: "orders", partitions: 1, replicationFactor: 3, assignment: [[1, 2, 3]], config: { "unclean.leader.election.enable": true } }],
      workload: [{ type: "produce", topic: "orders", count: 80, intervalMs: 250, acks: "all", requestTimeoutMs: 4_000 }],
      faults: [
        { type: "slow", atMs: 2_000, broker: 3, extraLatencyMs: 1_500 },
        { type: "crash", atMs: 10_000, broker: 1 },
        { type: "crash", atMs: 10_000, broker: 2 },
        { type: "restart", atMs: 22_000, broker: 1 },
        { type: "restart", atMs: 22_000, broker: 2 },
      ],
    };
    const hash = `#replica-log-leader-crash=${toBase64Url(JSON.stringify({ v: 1, t: 36_000, s: scenario }))}`;
    const widget = await openWidget(page, `/chapters/replication/${hash}`, "kl-replica-log", 2);
    const verdict = widget.getByRole("group", { name: "Delivery verdict at the end of the run" });
    await expect(verdict).toContainText(/lost/i);
    await verdict.getByRole("button").first().click();
    await expect(widget).toContainText(/unclean election/);
  });

  test("the unclean.leader.election.enable switch decides whether an out-of-sync replica may lead", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/replication/", "kl-replica-log", 2);
    const time = widget.getByRole("slider", { name: "Simulated time" });
    const forward = async (seconds: number) => {
      await time.focus();
      for (let i = 0; i < seconds; i++) await page.keyboard.press("Shift+ArrowRight");
    };
    /** Slow a follower until it leaves the ISR, then crash the leader twice: only the laggard is left. */
    const story = async () => {
      await widget.getByRole("button", { name: "Slow follower" }).click();
      await forward(7);
      expect(await stageText(widget)).toMatch(/ISR \[1, 2\]/);
      await widget.getByRole("button", { name: "Crash leader" }).click();
      await forward(7);
      await widget.getByRole("button", { name: "Crash leader" }).click();
      // The second crash takes the controller too: a session timeout and a new election later,
      // the last broker decides (slowly: its network is the slowed one).
      await toEnd(widget);
      return stageText(widget);
    };
    const clean = await story();
    expect(clean).toMatch(/has no leader|offline/);
    await widget.getByRole("button", { name: "Start over" }).click();
    await widget.getByRole("switch", { name: /unclean.leader.election.enable/ }).click();
    const unclean = await story();
    expect(unclean).toMatch(/leader broker \d in leader epoch/);
  });

  test("a malformed shared link shows a clear message and the default scene", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/replication/#replica-log-steady=not*base64", "kl-replica-log");
    await expect(widget).toContainText(/link/i);
    expect(await stageText(widget)).toContain("leader broker 1 in leader epoch 0");
  });

  test("keyboard: End jumps to the end of the run and Home back to the start", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/replication/", "kl-replica-log");
    const time = widget.getByRole("slider", { name: "Simulated time" });
    await time.focus();
    await page.keyboard.press("End");
    await expect(time).toHaveAttribute("aria-valuetext", /24(\.0)? s/);
    await page.keyboard.press("Home");
    await expect(time).toHaveAttribute("aria-valuetext", /^(t = )?0(\.0)? s/);
  });
});

test.describe("HW chart widget (C-HW, C-LEO)", () => {
  test("a longer replica.lag.time.max.ms keeps the slow follower in the ISR", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/replication/", "kl-hw-chart");
    await toEnd(widget);
    expect(await stageText(widget)).toContain("ISR −3");
    const slider = widget.getByRole("slider", { name: "replica.lag.time.max.ms" });
    await slider.focus();
    await page.keyboard.press("End");
    await toEnd(widget);
    expect(await stageText(widget)).not.toContain("ISR −3");
  });
});

test.describe("HW chart widget actions", () => {
  test("Crash leader: the chart shows the leader change and the new leader epoch", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/replication/", "kl-hw-chart");
    await widget.getByRole("button", { name: "Crash leader" }).click();
    await toEnd(widget);
    expect(await stageText(widget)).toMatch(/leader broker [23] in leader epoch [1-9]/);
  });
});

test.describe("controller-election widget (B-CONTROLLER, B-METADATA)", () => {
  test("Crash controller: the session expires, the survivors race, and the controller epoch rises to 2", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/brokers/", "kl-controller-election");
    expect(await stageText(widget)).toContain("/controller_epoch is 1");
    await widget.getByRole("button", { name: "Crash controller" }).click();
    await toEnd(widget);
    const after = await stageText(widget);
    expect(after).toContain("/controller_epoch is 2");
    expect(after).toMatch(/\/controller names broker [13]/);
  });

  test("zookeeper.session.timeout.ms: a longer session keeps the dead controller's seat longer", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/brokers/", "kl-controller-election");
    await widget.getByRole("button", { name: "Crash controller" }).click();
    const time = widget.getByRole("slider", { name: "Simulated time" });
    await time.focus();
    for (let i = 0; i < 9; i++) await page.keyboard.press("Shift+ArrowRight");
    expect(await stageText(widget)).toContain("/controller_epoch is 2");
    const slider = widget.getByRole("slider", { name: "zookeeper.session.timeout.ms" });
    await slider.focus();
    await page.keyboard.press("End");
    await time.focus();
    await page.keyboard.press("Home");
    for (let i = 0; i < 13; i++) await page.keyboard.press("Shift+ArrowRight");
    expect(await stageText(widget)).toContain("/controller_epoch is 1");
  });
});

test.describe("log-segment widget (B-STORAGE, B-RETENTION)", () => {
  test("looking up an offset walks the floor segment, the index entry and the scan", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/brokers/", "kl-log-segments");
    await widget.getByRole("textbox", { name: "Offset to look up" }).fill("1500");
    await widget.getByRole("button", { name: "Look up" }).click();
    await expect(widget).toContainText("00000000000000001030.log");
    await widget.getByRole("button", { name: "Next step" }).click();
    await widget.getByRole("button", { name: "Next step" }).click();
    await expect(widget).toContainText(/holds 1500/);
  });

  test("an offset outside the log is refused with the allowed range", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/brokers/", "kl-log-segments");
    await widget.getByRole("textbox", { name: "Offset to look up" }).fill("99999");
    await widget.getByRole("button", { name: "Look up" }).click();
    await expect(widget).toContainText(/\[0, 2100\)/);
  });

  test("a larger segment.bytes rolls fewer segments", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/brokers/", "kl-log-segments");
    expect(await stageText(widget)).toContain("holds 3 segment(s)");
    const slider = widget.getByRole("slider", { name: "segment.bytes" });
    await slider.focus();
    await page.keyboard.press("End");
    await expect.poll(() => stageText(widget)).toContain("holds 1 segment(s)");
  });

  test("retention deletes whole old segments and moves the log start offset", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/brokers/", "kl-log-segments", 1);
    await toEnd(widget);
    expect(await stageText(widget)).toMatch(/Log start offset [1-9]\d*/);
  });

  test("a denser index.interval.bytes gives each segment more index entries", async ({ page }) => {
    const widget = await openWidget(page, "/chapters/brokers/", "kl-log-segments");
    expect(await stageText(widget)).toContain("25 index entries");
    const slider = widget.getByRole("slider", { name: "index.interval.bytes" });
    await slider.focus();
    await page.keyboard.press("Home");
    await expect.poll(() => stageText(widget)).not.toContain("25 index entries");
  });

  for (const knob of ["retention.ms", "retention.bytes"]) {
    test(`${knob} at its largest keeps every segment; at its smallest deletes more`, async ({ page }) => {
      const widget = await openWidget(page, "/chapters/brokers/", "kl-log-segments", 1);
      const slider = widget.getByRole("slider", { name: new RegExp(`^${knob.replace(".", "\\.")}`) });
      await slider.focus();
      await page.keyboard.press("End");
      await toEnd(widget);
      const generous = await stageText(widget);
      await slider.focus();
      await page.keyboard.press("Home");
      await toEnd(widget);
      expect(await stageText(widget)).not.toBe(generous);
    });
  }
});

test.describe("exercises check the reader's configuration by running the engine", () => {
  test("replication.lose-an-acknowledged-record fails on the untouched preset and says what is missing", async ({ page }) => {
    await openWidget(page, "/chapters/replication/", "kl-replica-log", 2);
    const exercise = page.getByRole("region", { name: "Make an acknowledged record disappear" });
    await exercise.getByRole("button", { name: /Check/ }).click();
    await expect(exercise.getByRole("status")).toContainText(/unclean/i);
  });
});
