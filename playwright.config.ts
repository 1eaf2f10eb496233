import { defineConfig } from "@playwright/test";
import { chromiumArgs, findChromium } from "./tests/site/chromium";

const chromium = findChromium();
const port = 4399;
/** KL_BASE_URL points the suite at a running server (e.g. `astro dev` on another port) instead of a fresh preview. */
const externalBaseUrl = process.env.KL_BASE_URL;

export default defineConfig({
  testDir: "tests/site",
  testMatch: "**/*.spec.ts",
  forbidOnly: !!process.env.CI,
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  // Baselines live beside the tests; one file per widget, theme and width, committed and reviewed.
  snapshotPathTemplate: "tests/site/__screenshots__/{testFileName}/{arg}{ext}",
  expect: { toHaveScreenshot: { maxDiffPixelRatio: 0.002, animations: "disabled", caret: "hide" } },
  use: {
    baseURL: externalBaseUrl ?? `http://127.0.0.1:${port}`,
    reducedMotion: "reduce",
    launchOptions: { executablePath: chromium.executablePath, args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: externalBaseUrl
    ? undefined
    : {
        // The site must already be built (npm test builds it first); preview serves dist/ offline.
        command: `npx astro preview --host 127.0.0.1 --port ${port}`,
        url: `http://127.0.0.1:${port}/`,
        reuseExistingServer: !process.env.CI,
        timeout: 120_000,
      },
});
