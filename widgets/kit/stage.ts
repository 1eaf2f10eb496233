import { select, type Selection } from "d3-selection";
import { t } from "../../content/i18n/t";

/**
 * Helpers every stage shares: the SVG itself, and the marks that must look the same in every
 * widget: a record block (labelled with its offset, coloured by producer, committed drawn solid
 * and uncommitted dashed and hatched) and a node badge (leader, follower, out-of-sync, dead,
 * cut-off: a fill, an outline and a word). Colours come from tokens through kit.css classes.
 */

export const SVG_NS = "http://www.w3.org/2000/svg";

let stageCount = 0;

/** The stage SVG: role="img" with an aria-label the widget keeps describing the view. */
export function createStage(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", "kl-stage-svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("data-stage", String(++stageCount));
  return svg;
}

/** Sets the viewBox to real CSS pixels, so text in the stage is drawn at its true size. */
export function sizeStage(svg: SVGSVGElement, width: number, height: number): void {
  svg.setAttribute("viewBox", `0 0 ${Math.round(width)} ${Math.round(height)}`);
  svg.setAttribute("width", String(Math.round(width)));
  svg.setAttribute("height", String(Math.round(height)));
}

/**
 * The stage's <defs>: the hatch pattern for uncommitted records. Ids are unique per stage,
 * because several stages share one document.
 */
export function ensureDefs(svg: SVGSVGElement): { hatchId: string } {
  const hatchId = `kl-hatch-${svg.getAttribute("data-stage") ?? "0"}`;
  if (!svg.querySelector(`#${hatchId}`)) {
    const defs = document.createElementNS(SVG_NS, "defs");
    defs.innerHTML =
      `<pattern id="${hatchId}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="6" height="6" class="kl-hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="kl-hatch-line"/></pattern>`;
    svg.prepend(defs);
  }
  return { hatchId };
}

/** A named layer (<g>) of the stage, created once and kept in paint order. */
export function layer(svg: SVGSVGElement, name: string): Selection<SVGGElement, unknown> {
  const root = select(svg);
  let g = root.select<SVGGElement>(`g.kl-layer-${name}`);
  if (g.empty()) g = root.append<SVGGElement>("g").attr("class", `kl-layer kl-layer-${name}`);
  return g;
}

/** Motion follows a transform on a keyed mark; under reduced motion there is no transition. */
/** The child `<tag class=className>` of `parent`, created on first use (keyed by its first class). */
export function child<E extends SVGElement>(parent: Selection<SVGGElement, unknown>, tag: string, className: string): Selection<E, unknown> {
  let found = parent.select<E>(`:scope > ${tag}.${className.split(" ")[0]}`);
  if (found.empty()) found = parent.append<E>(tag).attr("class", className);
  return found;
}

export function translate(x: number, y: number): string {
  return `translate(${Math.round(x * 10) / 10}px, ${Math.round(y * 10) / 10}px)`;
}

// ---- Record blocks -------------------------------------------------------------------------

export const RECORD_SIZE = 24;

export interface RecordBlock {
  /** Identity across frames: the same record on the same replica keeps its block. */
  key: string;
  x: number;
  y: number;
  offset: number;
  /** The record's id ("producer-0#3"), shown in its tooltip. */
  id: string;
  /** Which producer (or key) it came from: picks one of the producer colours. */
  producerIndex: number;
  committed: boolean;
  /** Part of the abandoned future (the ghost): drawn faintly. */
  ghost?: boolean;
}

/** Producer colours cycle through this many tokens (kit.css: --kl-producer-0..3). */
export const PRODUCER_COLOURS = 4;

/**
 * Draws record blocks with a keyed join. Committed blocks are solid with a solid outline;
 * uncommitted ones are hatched with a dashed outline; the producer is a band along the bottom.
 */
export function joinRecords(parent: Selection<SVGGElement, unknown>, blocks: readonly RecordBlock[], hatchId: string): void {
  const size = RECORD_SIZE;
  parent
    .selectAll<SVGGElement, RecordBlock>("g.kl-record")
    .data(blocks, (d) => d.key)
    .join(
      (enter) => {
        const g = enter.append<SVGGElement>("g").attr("class", "kl-record").style("transform", (d) => translate(d.x, d.y));
        g.append("title");
        g.append("rect").attr("class", "kl-record-box").attr("width", size).attr("height", size).attr("rx", 3);
        g.append("rect").attr("class", "kl-record-producer").attr("x", 1.5).attr("y", size - 5).attr("width", size - 3).attr("height", 3.5);
        g.append("text").attr("class", "kl-record-offset").attr("x", size / 2).attr("y", size / 2 - 1).attr("dy", "0.35em");
        return g;
      },
      (update) => update,
      (exit) => exit.remove(),
    )
    .attr("class", (d) => `kl-record ${d.committed ? "kl-record--committed" : "kl-record--uncommitted"}${d.ghost ? " kl-record--ghost" : ""}`)
    .style("transform", (d) => translate(d.x, d.y))
    .each(function (d) {
      const g = select(this);
      g.select("title").text(t(d.committed ? "kit.record.committed" : "kit.record.uncommitted", { offset: d.offset, id: d.id }) + (d.ghost ? ` ${t("kit.record.ghost")}` : ""));
      g.select("rect.kl-record-box").attr("fill", d.committed ? null : `url(#${hatchId})`);
      g.select("rect.kl-record-producer").attr("class", `kl-record-producer kl-producer-${d.producerIndex % PRODUCER_COLOURS}`);
      g.select("text").text(d.offset);
    });
}

// ---- Node badges --------------------------------------------------------------------------

/** The five looks a node can have, the same in every widget. */
export type NodeState = "leader" | "follower" | "out-of-sync" | "dead" | "cut-off";

export function nodeStateLabel(state: NodeState): string {
  switch (state) {
    case "leader":
      return t("role.leader");
    case "follower":
      return t("role.follower");
    case "out-of-sync":
      return t("kit.node.outOfSync");
    case "dead":
      return t("kit.node.dead");
    case "cut-off":
      return t("kit.node.cutOff");
  }
}

/** CSS class of a node mark: kl-node--leader etc. (kit.css gives fill, outline and dash). */
export function nodeClass(state: NodeState): string {
  return `kl-node kl-node--${state}`;
}

export interface NodeBadge {
  key: string;
  x: number;
  y: number;
  width: number;
  state: NodeState;
  /** The text on the badge, e.g. "leader". */
  text: string;
}

/** Draws node badges (a rounded chip with the state's word) with a keyed join. */
export function joinNodeBadges(parent: Selection<SVGGElement, unknown>, badges: readonly NodeBadge[]): void {
  parent
    .selectAll<SVGGElement, NodeBadge>("g.kl-node")
    .data(badges, (d) => d.key)
    .join(
      (enter) => {
        const g = enter.append<SVGGElement>("g").style("transform", (d) => translate(d.x, d.y));
        g.append("rect").attr("class", "kl-node-box").attr("height", 20).attr("rx", 10);
        g.append("text").attr("class", "kl-node-text").attr("y", 10).attr("dy", "0.35em");
        return g;
      },
      (update) => update,
      (exit) => exit.remove(),
    )
    .attr("class", (d) => nodeClass(d.state))
    .style("transform", (d) => translate(d.x, d.y))
    .each(function (d) {
      const g = select(this);
      g.select("rect").attr("width", d.width);
      g.select("text").attr("x", d.width / 2).text(d.text);
    });
}
