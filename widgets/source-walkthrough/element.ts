/**
 * Registers <kl-source-walkthrough>; loaded by SourceWalkthrough.astro when the figure comes
 * into view.
 *
 * Why a subclass rather than defineWidget: besides the kit's anatomy, this widget shows the
 * code outline that the Astro wrapper rendered (and Shiki highlighted) at build time, with a
 * step control of its own. Several code steps share one simulated millisecond, so "Next step"
 * walks the run's step list and seeks the player to each step's time; the player's own
 * controls move the highlight to the last step at the new time.
 */
import { t } from "../../content/i18n/t";
import { WidgetElement } from "../kit/define-widget";
import { methodOf } from "./outline";
import { sentenceOf } from "./sentence";
import type { WalkView } from "./fold";
import { currentIndex } from "./stage";
import { chooseStep, onRendered } from "./walk-state";
import { sourceWalkthroughSpec } from "./widget";

let panelCount = 0;

class SourceWalkthroughElement extends WidgetElement<WalkView> {
  private panelBuilt = false;

  constructor() {
    super(sourceWalkthroughSpec);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.panelBuilt) {
      this.panelBuilt = true;
      this.attachPanel();
    }
  }

  private attachPanel(): void {
    const stage = this.querySelector<HTMLElement>(".kl-stage");
    const svg = this.querySelector<SVGSVGElement>("svg.kl-stage-svg");
    const outline = this.querySelector<HTMLElement>("[data-sw-outline]");
    if (!stage || !svg || !outline) return;
    const uid = `sw-${++panelCount}`;

    const panel = document.createElement("div");
    panel.className = "sw-panel";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", t("sourceWalkthrough.panel.label"));
    const nav = document.createElement("div");
    nav.className = "sw-nav";
    const prev = document.createElement("button");
    prev.type = "button";
    prev.className = "kl-action";
    prev.textContent = t("sourceWalkthrough.nav.previous");
    const next = document.createElement("button");
    next.type = "button";
    next.className = "kl-action";
    next.textContent = t("sourceWalkthrough.nav.next");
    const count = document.createElement("span");
    count.className = "sw-step-count";
    nav.append(prev, next, count);
    const sentence = document.createElement("p");
    sentence.className = "sw-sentence";
    sentence.id = `${uid}-sentence`;
    sentence.setAttribute("aria-live", "polite");
    const keys = document.createElement("p");
    keys.id = `${uid}-keys`;
    keys.className = "visually-hidden";
    keys.textContent = t("sourceWalkthrough.nav.keys");
    outline.classList.add("sw-live-outline");
    const blocks = outline.querySelector<HTMLElement>(".sw-blocks");
    if (blocks) {
      // The outline scrolls by itself in the live figure; it takes focus for the arrow keys.
      blocks.tabIndex = 0;
      blocks.setAttribute("aria-describedby", `${keys.id} ${sentence.id}`);
    }
    panel.append(nav, sentence, keys);
    stage.after(panel, outline);

    let view: WalkView | null = null;
    let shown = -2;

    const update = (): void => {
      const result = this.result;
      if (!result) return;
      // The kit folds for its own stage; the panel folds the same run at the same time.
      view = sourceWalkthroughSpec.fold(result.trace, this.tMs, result.scenario);
      const index = currentIndex(svg, view);
      const total = view.steps.length;
      prev.disabled = index <= 0;
      next.disabled = index >= total - 1;
      count.textContent = t("sourceWalkthrough.nav.count", { n: Math.max(0, index + 1), total });
      if (index === shown) return;
      shown = index;
      const step = index >= 0 ? view.steps[index] : null;
      sentence.textContent = step ? `${methodOf(step.step)}: ${sentenceOf(step)}` : t("sourceWalkthrough.say.start");
      const reached = new Set(view.steps.slice(0, index + 1).map((s) => s.step));
      let current: HTMLElement | null = null;
      for (const el of outline.querySelectorAll<HTMLElement>(".sw-step")) {
        const id = el.dataset.step ?? "";
        const isCurrent = step !== null && id === step.step;
        el.classList.toggle("is-current", isCurrent);
        el.classList.toggle("is-done", reached.has(id as never));
        if (isCurrent) {
          el.setAttribute("aria-current", "step");
          current = el;
        } else el.removeAttribute("aria-current");
      }
      if (current && blocks) revealInside(blocks, current);
    };

    const go = (index: number): void => {
      if (!view) return;
      const clamped = Math.max(0, Math.min(view.steps.length - 1, index));
      const step = view.steps[clamped];
      if (!step) return;
      chooseStep(svg, clamped);
      this.seek(step.t);
      update();
    };
    const here = (): number => (view ? currentIndex(svg, view) : -1);

    prev.addEventListener("click", () => go(here() - 1));
    next.addEventListener("click", () => go(here() + 1));
    blocks?.addEventListener("keydown", (event) => {
      const moves: Record<string, () => number> = {
        ArrowRight: () => here() + 1,
        ArrowLeft: () => here() - 1,
        Home: () => 0,
        End: () => (view ? view.steps.length - 1 : 0),
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      go(move());
    });
    onRendered(svg, update);
    void this.ready.then(update);
  }
}

/** Scrolls the outline (not the page) so the element is in view, with a little context above. */
function revealInside(container: HTMLElement, element: HTMLElement): void {
  const box = container.getBoundingClientRect();
  const target = element.getBoundingClientRect();
  if (target.top >= box.top && target.bottom <= box.bottom) return;
  container.scrollTop += target.top - box.top - 24;
}

if (!customElements.get("kl-source-walkthrough")) customElements.define("kl-source-walkthrough", SourceWalkthroughElement);
