import type { DeliveryVerdict } from "../../engine/index";
import { t, type MessageKey } from "../../content/i18n/t";

/**
 * The delivery checker's verdict as badges: lost, duplicated, reordered (and acknowledged
 * records that are unreadable because the partition is offline). Each has its colour token
 * AND its own shape and word, so colour is never the only cue. A badge is a button that opens
 * the list of its records with the checker's explanation.
 */

export type VerdictKind = "lost" | "duplicated" | "reordered" | "unavailable";

interface VerdictItem {
  id: string;
  explanation: string;
}

const KINDS: readonly { kind: VerdictKind; labelKey: MessageKey }[] = [
  { kind: "lost", labelKey: "kit.verdict.lost" },
  { kind: "duplicated", labelKey: "kit.verdict.duplicated" },
  { kind: "reordered", labelKey: "kit.verdict.reordered" },
  { kind: "unavailable", labelKey: "kit.verdict.unavailable" },
];

/**
 * What the badges count: the delivery checker's verdict by default; a widget may pass another
 * checker's verdict of the same shape (e.g. the consumption checker: records processed twice
 * or never), each record with its sentence.
 */
export interface BadgeVerdict {
  lost: readonly VerdictItem[];
  duplicated: readonly VerdictItem[];
  reordered: readonly VerdictItem[];
  unavailable?: readonly string[];
}

/** The i18n keys of the badges' words, per kind, plus the group's label and the all-clear; each defaults to the delivery wording. */
export type VerdictLabelKeys = Partial<Record<VerdictKind | "label" | "none", MessageKey>>;

/** The records behind one badge, each with a sentence a reader can follow. */
export function verdictItems(verdict: DeliveryVerdict | BadgeVerdict, kind: VerdictKind): VerdictItem[] {
  switch (kind) {
    case "lost":
      return verdict.lost.map((r) => ({ id: r.id, explanation: r.explanation }));
    case "duplicated":
      return verdict.duplicated.map((r) => ({ id: r.id, explanation: r.explanation }));
    case "reordered":
      return verdict.reordered.map((r) => ({ id: r.id, explanation: r.explanation }));
    case "unavailable":
      return (verdict.unavailable ?? []).map((id) => ({ id, explanation: t("kit.verdict.unavailableWhy", { id }) }));
  }
}

/** A small inline SVG shape per kind: a cross, two stacked squares, crossing arrows, a barred circle. */
const ICONS: Record<VerdictKind | "ok", string> = {
  lost: '<path d="M3 3 L11 11 M11 3 L3 11" stroke-width="2.2" stroke-linecap="round"/>',
  duplicated: '<rect x="1.5" y="1.5" width="7" height="7" rx="1" stroke-width="1.6" fill="none"/><rect x="5.5" y="5.5" width="7" height="7" rx="1" stroke-width="1.6" fill="none"/>',
  reordered: '<path d="M4 12 V2 M1.5 4.5 L4 2 L6.5 4.5 M10 2 V12 M7.5 9.5 L10 12 L12.5 9.5" stroke-width="1.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  unavailable: '<circle cx="7" cy="7" r="5.2" stroke-width="1.6" fill="none"/><path d="M3.3 10.7 L10.7 3.3" stroke-width="1.6"/>',
  ok: '<path d="M2.5 7.5 L5.5 10.5 L11.5 3.5" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
};

function icon(kind: VerdictKind | "ok"): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 14 14");
  svg.setAttribute("width", "14");
  svg.setAttribute("height", "14");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "kl-badge-icon");
  svg.innerHTML = ICONS[kind];
  return svg;
}

export class VerdictBadges {
  readonly element: HTMLDivElement;
  private readonly badges: HTMLDivElement;
  private readonly details: HTMLDivElement;
  private open: VerdictKind | null = null;
  private verdict: DeliveryVerdict | BadgeVerdict | null = null;

  constructor(
    private readonly uid: string,
    private readonly labelKeys: VerdictLabelKeys = {},
  ) {
    this.element = document.createElement("div");
    this.element.className = "kl-verdict";
    this.badges = document.createElement("div");
    this.badges.className = "kl-badges";
    this.badges.setAttribute("role", "group");
    this.badges.setAttribute("aria-label", t(labelKeys.label ?? "kit.verdict.label"));
    this.details = document.createElement("div");
    this.details.className = "kl-verdict-details";
    this.details.id = `${uid}-verdict-details`;
    this.details.hidden = true;
    this.element.append(this.badges, this.details);
  }

  update(verdict: DeliveryVerdict | BadgeVerdict): void {
    this.verdict = verdict;
    this.badges.replaceChildren();
    const present = KINDS.filter(({ kind }) => verdictItems(verdict, kind).length > 0);
    if (present.length === 0) {
      const ok = document.createElement("span");
      ok.className = "kl-badge kl-badge--ok";
      ok.append(icon("ok"), t(this.labelKeys.none ?? "kit.verdict.none"));
      this.badges.append(ok);
    }
    for (const { kind, labelKey } of present) {
      const count = verdictItems(verdict, kind).length;
      const button = document.createElement("button");
      button.type = "button";
      button.className = `kl-badge kl-badge--${kind}`;
      button.setAttribute("aria-expanded", String(this.open === kind));
      button.setAttribute("aria-controls", this.details.id);
      button.append(icon(kind), t(this.labelKeys[kind] ?? labelKey, { count }));
      button.addEventListener("click", () => this.toggle(kind));
      this.badges.append(button);
    }
    if (this.open && !present.some((p) => p.kind === this.open)) this.open = null;
    this.renderDetails();
  }

  private toggle(kind: VerdictKind): void {
    this.open = this.open === kind ? null : kind;
    for (const button of this.badges.querySelectorAll("button")) {
      button.setAttribute("aria-expanded", String(button.classList.contains(`kl-badge--${this.open}`)));
    }
    this.renderDetails();
  }

  private renderDetails(): void {
    if (!this.open || !this.verdict) {
      this.details.hidden = true;
      this.details.replaceChildren();
      return;
    }
    const items = verdictItems(this.verdict, this.open);
    const heading = document.createElement("p");
    heading.className = "kl-verdict-heading";
    heading.textContent = t("kit.verdict.atEnd");
    const list = document.createElement("ul");
    list.className = "kl-verdict-list";
    for (const item of items.slice(0, 50)) {
      const li = document.createElement("li");
      li.textContent = item.explanation;
      list.append(li);
    }
    this.details.replaceChildren(heading, list);
    if (items.length > 50) {
      const more = document.createElement("p");
      more.textContent = t("kit.verdict.more", { count: items.length - 50 });
      this.details.append(more);
    }
    this.details.hidden = false;
  }
}
