import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { chapterPaths } from "./chapters";
import { GLOSSARY, glossaryEntry, glossaryName, plainDefinition } from "../../content/glossary";

/**
 * Glossary terms (content/components/Term.astro): one definition per term, shown on hover and on
 * keyboard focus wherever a chapter marks the term, and listed on /glossary/.
 */
const chapters = chapterPaths;

function tooltipOf(term: Locator): Locator {
  return term.locator('[role="tooltip"]');
}

/** What a term's tooltip says: its name, then its one definition. */
function expectedTooltip(id: string): string {
  const entry = glossaryEntry(id);
  return `${glossaryName(entry)}: ${plainDefinition(entry)}`;
}

/**
 * The same, as a screen reader hears it: the name is a block of its own, so the accessible name
 * algorithm may put a space before the colon.
 */
function expectedDescription(id: string): RegExp {
  const entry = glossaryEntry(id);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escape(glossaryName(entry))} ?: ${escape(plainDefinition(entry))}$`);
}

/** Presses Tab from the top of the page until a glossary term has focus; returns that term. */
async function tabToFirstTerm(page: Page): Promise<Locator> {
  for (let presses = 0; presses < 100; presses++) {
    await page.keyboard.press("Tab");
    const index = await page.evaluate(() => {
      const term = document.activeElement?.closest("kl-term");
      return term ? [...document.querySelectorAll("kl-term")].indexOf(term) : -1;
    });
    // A fixed position, not "the focused term", so the locator keeps naming this term later.
    if (index >= 0) return page.locator("kl-term").nth(index);
  }
  throw new Error("100 presses of Tab never reached a glossary term");
}

async function runAxe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

test("moving to a term with Tab shows its definition, Escape hides it, and Tab moves on to the next term", async ({ page }) => {
  await page.goto("/chapters/replication/");
  const first = await tabToFirstTerm(page);
  const id = await first.getAttribute("data-term");
  expect(id).toBe("hw");
  await expect(tooltipOf(first)).toBeVisible();
  await expect(tooltipOf(first)).toHaveText(expectedTooltip("hw"));
  await expect(first.getByRole("button")).toHaveAccessibleDescription(expectedDescription("hw"));

  await page.keyboard.press("Escape");
  await expect(tooltipOf(first)).toBeHidden();
  // Escape closes the definition, not the reader's place: focus stays on the term.
  await expect(first.getByRole("button")).toBeFocused();

  // Nothing traps focus: the next Tab goes to the next term and opens its definition instead.
  await page.keyboard.press("Tab");
  const second = page.locator("kl-term").nth(1);
  await expect(second.getByRole("button")).toBeFocused();
  await expect(tooltipOf(second)).toBeVisible();
  await expect(tooltipOf(first)).toBeHidden();
});

test("hovering a term shows its definition, the pointer can move onto it, and leaving hides it", async ({ page }) => {
  await page.goto("/chapters/replication/");
  const term = page.locator('kl-term[data-term="isr"]').first();
  await term.getByRole("button").hover();
  await expect(tooltipOf(term)).toBeVisible();
  await expect(tooltipOf(term)).toContainText(plainDefinition(glossaryEntry("isr")));

  // WCAG 1.4.13: the reader can move the pointer onto the definition to read it.
  const box = await tooltipOf(term).boundingBox();
  if (!box) throw new Error("the open tooltip has no box");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  await expect(tooltipOf(term)).toBeVisible();

  await page.mouse.move(2, 2, { steps: 4 });
  await expect(tooltipOf(term)).toBeHidden();
});

test("Escape also closes a definition opened by hovering", async ({ page }) => {
  await page.goto("/chapters/brokers/");
  const term = page.locator('kl-term[data-term="znode"]').first();
  await term.getByRole("button").hover();
  await expect(tooltipOf(term)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(tooltipOf(term)).toBeHidden();
});

test("clicking a term keeps its definition open until the reader clicks elsewhere", async ({ page }) => {
  await page.goto("/chapters/brokers/");
  const term = page.locator('kl-term[data-term="segment"]').first();
  await term.getByRole("button").click();
  await page.mouse.move(2, 2);
  await expect(tooltipOf(term)).toBeVisible();
  await page.locator("h1").click();
  await expect(tooltipOf(term)).toBeHidden();
});

for (const width of [375, 1280]) {
  test(`every term's definition stays inside a ${width} px wide screen`, async ({ page }) => {
    await page.setViewportSize({ width, height: 740 });
    for (const path of chapters) {
      await page.goto(path);
      // Let every widget hydrate first: a figure that grows while a term is hovered moves the term
      // from under the pointer and its definition closes, as it should.
      for (const figure of await page.locator("figure").all()) await figure.scrollIntoViewIfNeeded();
      await page.waitForLoadState("networkidle");
      await page.waitForFunction(() => [...document.querySelectorAll(".kl-widget")].every((w) => w.hasAttribute("data-kl-ready")));
      const terms = page.locator("kl-term");
      const count = await terms.count();
      expect(count, `${path} marks glossary terms`).toBeGreaterThan(0);
      const outside: string[] = [];
      for (let i = 0; i < count; i++) {
        const term = terms.nth(i);
        // Hovering scrolls the term into view; a figure still settling (a chart sweep filling in)
        // can move the term after its box was placed. The box is placed again on every hover, so
        // a reader who points at the term a second time must find it inside the screen.
        let box = null;
        for (let attempt = 0; attempt < 2; attempt++) {
          if (attempt > 0) await page.locator("h1").hover();
          await term.getByRole("button").hover();
          await expect(tooltipOf(term)).toBeVisible();
          box = await tooltipOf(term).boundingBox();
          if (box && box.x >= 0 && box.x + box.width <= width && box.y >= 0 && box.y + box.height <= 740) break;
        }
        if (!box) throw new Error(`term ${i} on ${path} has no tooltip box`);
        const inside = box.x >= 0 && box.x + box.width <= width && box.y >= 0 && box.y + box.height <= 740;
        if (!inside) outside.push(`${path} term ${i} (${await term.getAttribute("data-term")}): ${JSON.stringify(box)}`);
      }
      expect(outside).toEqual([]);
      // The page itself never scrolls sideways because of a term.
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
    }
  });
}

test("the glossary page lists every term once, with the same definition its tooltips show", async ({ page }) => {
  await page.goto("/glossary/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Glossary");
  await expect(page.locator("dl > .entry")).toHaveCount(GLOSSARY.length);
  for (const entry of GLOSSARY) {
    const item = page.locator(`#${entry.id}`);
    await expect(item.locator("dt")).toHaveText(glossaryName(entry));
    await expect(item.locator("dd")).toHaveText(plainDefinition(entry));
  }

  for (const path of chapters) {
    await page.goto(path);
    const shown = await page
      .locator("kl-term")
      .evaluateAll((terms) => terms.map((term) => [term.getAttribute("data-term") ?? "", term.querySelector('[role="tooltip"]')?.textContent ?? ""]));
    for (const [id, text] of shown) expect(text, `${path}: the tooltip of "${id}"`).toBe(expectedTooltip(id));
  }
});

test("every glossary term is used in at least one chapter", async ({ page }) => {
  const used = new Set<string>();
  for (const path of chapters) {
    await page.goto(path);
    for (const id of await page.locator("kl-term").evaluateAll((terms) => terms.map((t) => t.getAttribute("data-term")))) {
      if (id) used.add(id);
    }
  }
  expect(GLOSSARY.map((entry) => entry.id).filter((id) => !used.has(id))).toEqual([]);
});

test("the header links to the glossary from every page", async ({ page }) => {
  await page.goto("/chapters/brokers/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Glossary" }).click();
  await expect(page).toHaveURL(/\/glossary\/$/);
  await expect(page.getByRole("link", { name: "Glossary" })).toHaveAttribute("aria-current", "page");
});

test("with JavaScript disabled, hovering or focusing a term still shows its definition", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/chapters/replication/");
  const term = page.locator('kl-term[data-term="leo"]').first();
  await expect(tooltipOf(term)).toBeHidden();
  await term.getByRole("button").hover();
  await expect(tooltipOf(term)).toBeVisible();
  await expect(tooltipOf(term)).toHaveText(expectedTooltip("leo"));
  await page.mouse.move(2, 2);
  await expect(tooltipOf(term)).toBeHidden();
  await term.getByRole("button").focus();
  await expect(tooltipOf(term)).toBeVisible();
  await context.close();
});

for (const theme of ["light", "dark"] as const) {
  test(`the glossary page has no axe violations in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto("/glossary/");
    expect(await runAxe(page)).toEqual([]);
  });

  for (const path of chapters) {
    test(`${path} has no axe violations with a definition open in the ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(path);
      for (const figure of await page.locator("figure").all()) await figure.scrollIntoViewIfNeeded();
      await page.waitForLoadState("networkidle");
      const term = page.locator("kl-term").nth(2);
      await term.getByRole("button").hover();
      await expect(tooltipOf(term)).toBeVisible();
      expect(await runAxe(page)).toEqual([]);
    });
  }
}
