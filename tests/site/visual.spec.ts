import { expect, test } from "@playwright/test";

/**
 * Visual regression: each widget at its preset's fixed seed and start time, light and dark.
 * Baselines live in tests/site/__screenshots__ and are reviewed by eye when they change; a
 * failure writes the new picture and a diff beside them (test-results/) for a person to look at.
 */
const widgets = [
  { page: "/chapters/replication/", tag: "kl-replica-log", index: 0, name: "replica-log-steady" },
  { page: "/chapters/replication/", tag: "kl-replica-log", index: 1, name: "replica-log-slow-follower" },
  { page: "/chapters/replication/", tag: "kl-replica-log", index: 2, name: "replica-log-leader-crash" },
  { page: "/chapters/replication/", tag: "kl-hw-chart", index: 0, name: "hw-chart-slow-follower" },
  { page: "/chapters/brokers/", tag: "kl-controller-election", index: 0, name: "controller-election-three-brokers" },
  { page: "/chapters/brokers/", tag: "kl-log-segments", index: 0, name: "log-segments-lookup" },
  { page: "/chapters/brokers/", tag: "kl-log-segments", index: 1, name: "log-segments-retention" },
];

test.use({ viewport: { width: 1280, height: 900 } });

for (const theme of ["light", "dark"] as const) {
  for (const widget of widgets) {
    test(`${widget.name} looks as reviewed (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
      await page.goto(widget.page);
      const element = page.locator(widget.tag).nth(widget.index);
      await element.scrollIntoViewIfNeeded();
      await expect(element).toHaveAttribute("data-kl-ready", "");
      await page.evaluate(() => document.fonts.ready);
      await expect(element).toHaveScreenshot(`${widget.name}-${theme}.png`);
    });
  }
}
