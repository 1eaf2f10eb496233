/**
 * <kl-term>: the behaviour of a glossary term (content/components/Term.astro).
 *
 * Why a custom element and not CSS alone: CSS opens the definition on :hover and :focus-within,
 * and does so without JavaScript, but content that appears on hover or focus must also be
 * dismissible without moving focus (WCAG 1.4.13: Escape), a tap must open it on touch screens
 * that neither hover nor focus a tapped button, and only a script can measure the viewport to
 * keep the box on screen. Once defined, the element owns the open state (data-open) and CSS
 * only draws it.
 *
 * Open while: the mouse is over the term or its box, the button has keyboard focus, or the
 * term was clicked or tapped (until a press elsewhere). Escape closes every open term and keeps
 * focus where it is; the next hover or focus opens it again.
 */

/** Space kept between the box and the viewport's edges, in CSS pixels. */
const VIEWPORT_MARGIN_PX = 8;

const openTerms = new Set<GlossaryTerm>();

class GlossaryTerm extends HTMLElement {
  #hovered = false;
  #focused = false;
  #pinned = false;

  connectedCallback(): void {
    this.addEventListener("pointerenter", this.#onPointerEnter);
    this.addEventListener("pointerleave", this.#onPointerLeave);
    this.addEventListener("focusin", this.#onFocusIn);
    this.addEventListener("focusout", this.#onFocusOut);
    this.addEventListener("click", this.#onClick);
  }

  disconnectedCallback(): void {
    openTerms.delete(this);
  }

  /** Closes the box until the next hover, focus or tap (Escape, a press elsewhere). */
  dismiss(): void {
    this.#hovered = this.#focused = this.#pinned = false;
    this.#update();
  }

  unpin(): void {
    this.#pinned = false;
    this.#update();
  }

  /** Keeps an open box inside the viewport, e.g. after the window is resized. */
  place(): void {
    const tip = this.querySelector<HTMLElement>("[role=tooltip]");
    const button = this.querySelector("button");
    if (!tip || !button) return;
    this.removeAttribute("data-placement");
    tip.style.removeProperty("left");
    const box = tip.getBoundingClientRect();
    const viewportWidth = document.documentElement.clientWidth;
    let shift = 0;
    if (box.right > viewportWidth - VIEWPORT_MARGIN_PX) shift = viewportWidth - VIEWPORT_MARGIN_PX - box.right;
    if (box.left + shift < VIEWPORT_MARGIN_PX) shift = VIEWPORT_MARGIN_PX - box.left;
    // An inline left: a translate fed by a custom property set here was now and then not yet
    // applied when Chromium measured the box again (the site tests caught it at 375 px).
    if (shift !== 0) tip.style.left = `${Math.round(shift)}px`;
    // Below the term unless that runs off the bottom of the screen and there is room above.
    const term = button.getBoundingClientRect();
    const roomAbove = term.top - VIEWPORT_MARGIN_PX;
    if (box.bottom > window.innerHeight - VIEWPORT_MARGIN_PX && roomAbove > box.height + VIEWPORT_MARGIN_PX) {
      this.setAttribute("data-placement", "above");
    }
  }

  #update(): void {
    const open = this.#hovered || this.#focused || this.#pinned;
    if (open !== this.hasAttribute("data-open")) {
      this.toggleAttribute("data-open", open);
      if (open) openTerms.add(this);
      else openTerms.delete(this);
    }
    // Placed again on every hover or focus, not only when it opens: a figure above may have grown
    // (a widget hydrating) since the box was last placed.
    if (open) this.place();
  }

  // Touch "hovers" only for the length of a tap; taps are handled as clicks instead.
  #onPointerEnter = (event: PointerEvent): void => {
    if (event.pointerType === "touch") return;
    this.#hovered = true;
    this.#update();
  };

  #onPointerLeave = (event: PointerEvent): void => {
    if (event.pointerType === "touch") return;
    this.#hovered = false;
    this.#update();
  };

  // Only keyboard focus opens the box: a mouse click already opened it through hover or pin.
  #onFocusIn = (event: FocusEvent): void => {
    this.#focused = event.target instanceof Element && event.target.matches(":focus-visible");
    this.#update();
  };

  #onFocusOut = (event: FocusEvent): void => {
    if (event.relatedTarget instanceof Node && this.contains(event.relatedTarget)) return;
    this.#focused = false;
    this.#pinned = false;
    this.#update();
  };

  #onClick = (): void => {
    this.#pinned = true;
    this.#update();
  };
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || openTerms.size === 0) return;
  for (const term of [...openTerms]) term.dismiss();
});

document.addEventListener("pointerdown", (event) => {
  for (const term of [...openTerms]) {
    if (!(event.target instanceof Node && term.contains(event.target))) term.unpin();
  }
});

window.addEventListener("resize", () => {
  for (const term of openTerms) term.place();
});

if (!customElements.get("kl-term")) customElements.define("kl-term", GlossaryTerm);
