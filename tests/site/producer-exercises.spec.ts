import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * The producer chapter's exercises in Chromium: each one's Check reads the producer-pipeline
 * figure right above it. As the reader finds the figure, Check fails and says what is missing;
 * after the reader turns the figure's knobs to a solution, Check passes.
 */

const PAGE = "/chapters/producer/";

/** The pipeline figure started from `preset`, once it has run. */
async function figure(page: Page, preset: string): Promise<Locator> {
  const element = page.locator(`figure[data-preset="${preset}"] kl-producer-pipeline`);
  await element.scrollIntoViewIfNeeded();
  await expect(element).toHaveAttribute("data-kl-ready", "", { timeout: 30_000 });
  return element;
}

async function setSlider(element: Locator, name: string, value: number): Promise<void> {
  const slider = element.getByRole("slider", { name, exact: true });
  await slider.fill(String(value));
  await slider.dispatchEvent("change");
  await expect(slider).toHaveValue(String(value));
}

/**
 * Presses the exercise's Check and returns its result region once it shows an outcome. The
 * button's script may still be loading when the page is fresh, so an unanswered press is
 * repeated. An outcome already shown is cleared first, so the one returned is this press's.
 */
async function check(page: Page, id: string): Promise<Locator> {
  const exercise = page.locator(`[data-exercise-id="${id}"]`);
  const result = exercise.locator(".exercise-result");
  await result.evaluate((region) => {
    region.textContent = "";
    region.classList.remove("is-passed", "is-failed");
  });
  await expect(async () => {
    await exercise.getByRole("button", { name: "Check" }).click();
    await expect(result).toHaveClass(/is-(passed|failed)/, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  return result;
}

test.describe("producer exercises (P-RETRY, P-IDEMPOTENCE, P-BUFFER, P-BATCH)", () => {
  test("keep order: the flaky-network figure as found fails with the reordered records named", async ({ page }) => {
    await page.goto(PAGE);
    await figure(page, "flaky-network");
    const result = await check(page, "producer.keep-order-with-retries");
    await expect(result).toHaveClass(/is-failed/);
    await expect(result).toContainText(/landed out of send order after \d+ retried batch\(es\), for example: producer-0#\d+ was sent before/);
  });

  test("keep order: switching enable.idempotence on passes, each record stored once", async ({ page }) => {
    await page.goto(PAGE);
    const element = await figure(page, "flaky-network");
    const toggle = element.getByRole("switch", { name: /enable\.idempotence/ });
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    const result = await check(page, "producer.keep-order-with-retries");
    await expect(result).toHaveClass(/is-passed/);
    await expect(result).toContainText(/all 36 records are stored in send order in every partition, and each exactly once/);
  });

  test("keep order: one request in flight passes too", async ({ page }) => {
    await page.goto(PAGE);
    const element = await figure(page, "flaky-network");
    await setSlider(element, "max.in.flight.requests.per.connection", 1);
    const result = await check(page, "producer.keep-order-with-retries");
    await expect(result).toHaveClass(/is-passed/);
    await expect(result).toContainText(/one request at a time per broker/);
  });

  test("never fail a send: the overload figure as found fails with the buffer's TimeoutException; more buffer.memory passes", async ({ page }) => {
    await page.goto(PAGE);
    const element = await figure(page, "overload");
    const failed = await check(page, "producer.never-fail-a-send");
    await expect(failed).toHaveClass(/is-failed/);
    await expect(failed).toContainText(/of 120 send\(\) calls failed with a TimeoutException/);
    await setSlider(element, "buffer.memory", 16_384);
    const passed = await check(page, "producer.never-fail-a-send");
    await expect(passed).toHaveClass(/is-passed/);
    await expect(passed).toContainText(/all 120 records acknowledged and no send\(\) failed/);
  });

  test("throughput within latency: a bigger buffer alone is too slow; with linger.ms 0 and five requests in flight it passes", async ({ page }) => {
    await page.goto(PAGE);
    const element = await figure(page, "overload");
    await setSlider(element, "buffer.memory", 16_384);
    const slow = await check(page, "producer.throughput-within-latency");
    await expect(slow).toHaveClass(/is-failed/);
    await expect(slow).toContainText(/The goal is at least 120 a second and at most 300 ms/);
    await setSlider(element, "linger.ms", 0);
    await setSlider(element, "max.in.flight.requests.per.connection", 5);
    const passed = await check(page, "producer.throughput-within-latency");
    await expect(passed).toHaveClass(/is-passed/);
    await expect(passed).toContainText(/records a second acknowledged with acks=all, a p99 latency of \d+ ms/);
  });
});
