import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/**
 * Finds a Chromium for the site tests: Playwright's own when it is installed, else Debian's
 * at /usr/bin/chromium, else a message that says how to get one. (Playwright cannot download
 * its browser on machines without internet access, which is why Debian's is supported.)
 */
export function findChromium(): { executablePath: string | undefined; source: string } {
  const override = process.env.KAFKA_LAB_CHROMIUM;
  if (override) {
    if (!existsSync(override)) throw new Error(`KAFKA_LAB_CHROMIUM points to ${override}, which does not exist.`);
    return { executablePath: override, source: "KAFKA_LAB_CHROMIUM" };
  }
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return { executablePath: undefined, source: `Playwright's Chromium (${bundled})` };
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (existsSync(candidate)) return { executablePath: candidate, source: `system Chromium (${candidate})` };
  }
  throw new Error(
    "No Chromium found for the site tests. Install one of:\n" +
      "  - Playwright's own:   npx playwright install chromium\n" +
      "  - Debian/Ubuntu's:    sudo apt-get install -y chromium   (found at /usr/bin/chromium)\n" +
      "or set KAFKA_LAB_CHROMIUM=/path/to/chromium.",
  );
}

/** Flags for headless runs on locked-down machines: no sandbox as root, no background network. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--font-render-hinting=none",
];
