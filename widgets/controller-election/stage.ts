import { select, type Selection } from "d3-selection";
import type { BrokerId } from "../../engine/index";
import { t } from "../../content/i18n/t";
import { formatSeconds } from "../kit/format";
import type { StageContext } from "../kit/spec";
import { child, layer, sizeStage } from "../kit/stage";
import { brokerStatus } from "./describe";
import { CONTROLLER_EPOCH_PATH, CONTROLLER_PATH, RECENT_WINDOW_MS, type BrokerView, type ControllerElectionView, type RecentEvent, type SessionView, type ZnodeView } from "./fold";
import { layoutControllerElection, type Box, type ControllerElectionLayout } from "./layout";

/**
 * Draws the controller-election stage: ZooKeeper's znodes on top (/controller with its owner and
 * watchers, /controller_epoch, /brokers/ids/<id>), a line from each ephemeral znode down to the
 * broker whose session owns it, and one card per broker (election state, session and its
 * silence countdown, what its metadata cache believes, its watch). Recent steps of an election
 * (a watch firing, a create attempt, its result, a stale request turned away) are drawn as
 * short-lived arrows and labels that fade over RECENT_WINDOW_MS of simulated time.
 * Keyed d3 joins: a broker's card and a znode keep their element from frame to frame.
 */

type G = Selection<SVGGElement, unknown>;

/** Opacity of a recent mark: fades with simulated age; a steady full value under reduced motion. */
function fade(eventT: number, tMs: number, reducedMotion: boolean): number {
  if (reducedMotion) return 1;
  return Math.max(0.3, 1 - (tMs - eventT) / RECENT_WINDOW_MS);
}

export function renderControllerElection(svg: SVGSVGElement, view: ControllerElectionView, ctx: StageContext<ControllerElectionView>): void {
  const layout = layoutControllerElection(ctx.width, view.brokers.map((b) => b.id));
  sizeStage(svg, layout.width, layout.height);
  svg.classList.add("ce-stage");
  // Paint order: links under the tree and the cards, pulses over everything.
  const links = layer(svg, "ce-links");
  const zk = layer(svg, "ce-zk");
  const cards = layer(svg, "ce-cards");
  const pulses = layer(svg, "ce-pulses");
  drawZooKeeper(zk, view, layout);
  drawLinks(links, view, layout);
  drawCards(cards, view, layout, ctx.reducedMotion);
  drawPulses(pulses, view, layout, ctx.reducedMotion);
}

// ---- ZooKeeper ---------------------------------------------------------------------------

function drawZooKeeper(g: G, view: ControllerElectionView, layout: ControllerElectionLayout): void {
  const { zk, controllerNode, epochNode } = layout;
  child<SVGRectElement>(g, "rect", "ce-zk-panel").attr("x", zk.x).attr("y", zk.y).attr("width", zk.w).attr("height", zk.h).attr("rx", 6);
  child<SVGTextElement>(g, "text", "ce-zk-title kl-strong").attr("x", zk.x + 10).attr("y", zk.y + 18).text(t("controllerElection.stage.zookeeper"));

  const controller = view.znodes.find((z) => z.path === CONTROLLER_PATH) ?? null;
  const vanishedController = view.vanished.filter((v) => v.path === CONTROLLER_PATH).pop() ?? null;
  const c = child<SVGGElement>(g, "g", "ce-controller-node");
  c.attr("class", `ce-controller-node ce-znode ${controller ? "ce-znode--ephemeral" : "ce-znode--absent"}${controller?.fresh ? " ce-znode--fresh" : ""}`);
  child<SVGRectElement>(c, "rect", "ce-znode-box").attr("x", controllerNode.x).attr("y", controllerNode.y).attr("width", controllerNode.w).attr("height", controllerNode.h).attr("rx", 5);
  const x = controllerNode.x + 10;
  child<SVGTextElement>(c, "text", "ce-znode-path").attr("x", x).attr("y", controllerNode.y + 17).text(CONTROLLER_PATH);
  const data = controller
    ? layout.compact
      ? t("controllerElection.stage.brokerId", { id: view.controller ?? "?" })
      : controller.data
    : vanishedController
      ? t("controllerElection.stage.deleted", { why: t(`controllerElection.stage.why.${vanishedController.why === "session-expired" ? "sessionExpired" : "deleted"}`) })
      : t("controllerElection.stage.absent");
  child<SVGTextElement>(c, "text", "ce-znode-data").attr("x", x).attr("y", controllerNode.y + 35).text(data);
  // A dead owner is the whole story of a failover: its znode stays until its session expires.
  const ownerDown = controller !== null && controller.ownerBroker !== null && view.brokers.find((b) => b.id === controller.ownerBroker)?.alive === false;
  const owner =
    controller?.ownerSession != null
      ? t(layout.compact ? "controllerElection.stage.ephemeralShort" : ownerDown ? "controllerElection.stage.ephemeralOwnerDown" : "controllerElection.stage.ephemeral", {
          session: controller.ownerSession,
          broker: controller.ownerBroker ?? "?",
        })
      : "";
  child<SVGTextElement>(c, "text", "ce-znode-owner kl-muted").attr("x", x).attr("y", controllerNode.y + 52).attr("class", `ce-znode-owner ${ownerDown ? "ce-znode-owner--down" : "kl-muted"}`).text(owner);
  const watchers = view.controllerWatchers;
  const watchText = watchers.length === 0 ? t("controllerElection.stage.noWatchers") : t("controllerElection.stage.watchedBy", { ids: watchers.join(", ") });
  const wx = controllerNode.x + controllerNode.w - 10;
  child<SVGTextElement>(c, "text", "ce-znode-watchers").attr("x", wx).attr("y", controllerNode.y + 17).attr("text-anchor", "end").text(layout.compact ? "" : watchText);
  // In compact mode the watchers go on the owner line's right, where there is room.
  child<SVGTextElement>(c, "text", "ce-znode-watchers-compact").attr("x", wx).attr("y", controllerNode.y + 52).attr("text-anchor", "end").text(layout.compact && watchers.length > 0 ? t("controllerElection.stage.watchedByShort", { ids: watchers.join(",") }) : "");

  const epoch = view.znodes.find((z) => z.path === CONTROLLER_EPOCH_PATH) ?? null;
  const e = child<SVGGElement>(g, "g", "ce-epoch-node");
  e.attr("class", `ce-epoch-node ce-znode ce-znode--persistent${epoch?.fresh ? " ce-znode--fresh" : ""}${epoch ? "" : " ce-znode--absent"}`);
  child<SVGRectElement>(e, "rect", "ce-znode-box").attr("x", epochNode.x).attr("y", epochNode.y).attr("width", epochNode.w).attr("height", epochNode.h).attr("rx", 5);
  child<SVGTextElement>(e, "text", "ce-znode-path")
    .attr("x", epochNode.x + 10)
    .attr("y", epochNode.y + 17)
    .attr("class", `ce-znode-path${layout.compact ? " ce-znode-path--small" : ""}`)
    .text(CONTROLLER_EPOCH_PATH);
  child<SVGTextElement>(e, "text", "ce-epoch-value")
    .attr("x", epochNode.x + 10)
    .attr("y", epochNode.y + 48)
    .text(epoch ? epoch.data : t("controllerElection.stage.absent"));
  child<SVGTextElement>(e, "text", "ce-epoch-caption kl-muted")
    .attr("x", epochNode.x + epochNode.w - 8)
    .attr("y", epochNode.y + 48)
    .attr("text-anchor", "end")
    .text(layout.compact ? "" : t("controllerElection.stage.persistent"));

  child<SVGTextElement>(g, "text", "ce-ids-label ce-znode-path").attr("x", zk.x + 10).attr("y", layout.idsLabelY).text(t("controllerElection.stage.brokerIds"));

  type IdsDatum = { id: BrokerId; box: Box; node: ZnodeView | null; vanished: string | null };
  const ids: IdsDatum[] = view.brokers.map((b) => {
    const path = `/brokers/ids/${b.id}`;
    const gone = view.vanished.filter((v) => v.path === path).pop();
    return { id: b.id, box: layout.idsNodes.get(b.id)!, node: view.znodes.find((z) => z.path === path) ?? null, vanished: gone ? gone.why : null };
  });
  g.selectAll<SVGGElement, IdsDatum>("g.ce-ids-node")
    .data(ids, (d) => String(d.id))
    .join((enter) => {
      const n = enter.append<SVGGElement>("g");
      n.append("rect").attr("class", "ce-znode-box").attr("rx", 5);
      n.append("text").attr("class", "ce-znode-path");
      n.append("text").attr("class", "ce-znode-owner kl-muted");
      return n;
    })
    .attr("class", (d) => `ce-ids-node ce-znode ${d.node ? "ce-znode--ephemeral" : "ce-znode--absent"}${d.node?.fresh ? " ce-znode--fresh" : ""}`)
    .each(function (d) {
      const n = select(this);
      n.select("rect").attr("x", d.box.x).attr("y", d.box.y).attr("width", d.box.w).attr("height", d.box.h);
      const cx = d.box.x + d.box.w / 2;
      n.select("text.ce-znode-path").attr("x", cx).attr("y", d.box.y + 15).attr("text-anchor", "middle").text(layout.compact ? `…/${d.id}` : `/brokers/ids/${d.id}`);
      const owner = d.node
        ? d.node.ownerSession !== null
          ? t("controllerElection.stage.ephemeralShort", { session: d.node.ownerSession })
          : ""
        : d.vanished
          ? t(d.vanished === "session-expired" ? "controllerElection.stage.why.sessionExpired" : "controllerElection.stage.why.deleted")
          : t("controllerElection.stage.absent");
      n.select("text.ce-znode-owner").attr("x", cx).attr("y", d.box.y + 30).attr("text-anchor", "middle").text(owner);
    });
}


// ---- Session links -------------------------------------------------------------------------

function sessionOfZnode(broker: BrokerView, node: ZnodeView | null): SessionView | null {
  if (node === null || node.ownerSession === null) return broker.session;
  if (broker.session?.id === node.ownerSession) return broker.session;
  return broker.lingeringSessions.find((s) => s.id === node.ownerSession) ?? broker.session;
}

function drawLinks(g: G, view: ControllerElectionView, layout: ControllerElectionLayout): void {
  type LinkDatum = { id: BrokerId; from: Box; to: Box; cls: string; label: string };
  const data: LinkDatum[] = [];
  for (const broker of view.brokers) {
    const node = view.znodes.find((z) => z.path === `/brokers/ids/${broker.id}`) ?? null;
    const from = layout.idsNodes.get(broker.id)!;
    const to = layout.cards.get(broker.id)!;
    if (broker.cutFromZk) {
      data.push({ id: broker.id, from, to, cls: "ce-link ce-link--cut", label: t("controllerElection.stage.cut") });
      continue;
    }
    if (node === null) continue;
    const session = sessionOfZnode(broker, node);
    const silent = session !== null && session.silentSinceMs !== null;
    data.push({ id: broker.id, from, to, cls: `ce-link${silent ? " ce-link--silent" : ""}`, label: "" });
  }
  g.selectAll<SVGGElement, LinkDatum>("g.ce-link")
    .data(data, (d) => String(d.id))
    .join((enter) => {
      const l = enter.append<SVGGElement>("g");
      l.append("line").attr("class", "ce-link-line");
      l.append("text").attr("class", "ce-link-label");
      return l;
    })
    .attr("class", (d) => d.cls)
    .each(function (d) {
      const l = select(this);
      const x = d.from.x + d.from.w / 2;
      const y1 = d.from.y + d.from.h;
      const y2 = d.to.y;
      l.select("line").attr("x1", x).attr("y1", y1).attr("x2", x).attr("y2", y2);
      l.select("text")
        .attr("x", x + 6)
        .attr("y", (y1 + y2) / 2 + 4)
        .text(d.label ? `\u2715 ${d.label}` : "");
    });
}

// ---- Broker cards ------------------------------------------------------------------------

function badgeClass(broker: BrokerView): string {
  if (broker.zombie) return "kl-node kl-node--cut-off";
  if (!broker.alive) return "kl-node kl-node--dead";
  if (broker.state === "controller") return "kl-node kl-node--leader";
  if (broker.state === "follower") return "kl-node kl-node--follower";
  return "kl-node ce-node--transitional";
}

function sessionRow(broker: BrokerView, compact: boolean): string {
  const s = broker.session;
  if (s === null) return t("controllerElection.stage.noSession");
  const status = s.status === "expired" ? "expired" : s.silentSinceMs !== null ? "silent" : "alive";
  return t(compact ? "controllerElection.stage.sessionShort" : "controllerElection.stage.session", { id: s.id, status: t(`controllerElection.stage.sessionStatus.${status}`) });
}

function silenceText(session: SessionView | null, tMs: number, compact: boolean): string {
  if (session === null || session.silentSinceMs === null) return "";
  const elapsed = formatSeconds(Math.max(0, tMs - session.silentSinceMs));
  const timeout = formatSeconds(session.timeoutMs);
  return t(compact ? "controllerElection.stage.silenceShort" : "controllerElection.stage.silence", { elapsed, timeout });
}

function knowsRow(broker: BrokerView, view: ControllerElectionView, compact: boolean): { text: string; stale: boolean } {
  if (!broker.alive) return { text: "", stale: false };
  if (broker.knownController === null || broker.knownEpoch === null) return { text: t("controllerElection.stage.knowsNothing"), stale: false };
  const stale = broker.knownEpoch < view.controllerEpoch;
  const text = t(compact ? "controllerElection.stage.knowsShort" : "controllerElection.stage.knows", { controller: broker.knownController, epoch: broker.knownEpoch });
  return { text: stale ? `${text} (${t("controllerElection.stage.stale")})` : text, stale };
}

/** The card's bottom line: the broker's latest election step or rejection, while recent. */
function eventRow(broker: BrokerView, view: ControllerElectionView, compact: boolean): { text: string; cls: string; t: number } | null {
  const mine = view.recent.filter((e) => e.broker === broker.id && (e.kind === "attempt" || e.kind === "lost-race" || e.kind === "elected" || e.kind === "rejected" || e.kind === "watch-fired"));
  const last = mine[mine.length - 1];
  if (!last) return null;
  switch (last.kind) {
    case "attempt":
      return { text: t("controllerElection.stage.race.attempt"), cls: "ce-event--attempt", t: last.t };
    case "lost-race":
      return { text: `\u2715 ${t(compact ? "controllerElection.stage.race.lostShort" : "controllerElection.stage.race.lost")}`, cls: "ce-event--lost", t: last.t };
    case "elected":
      return { text: `\u2713 ${t(compact ? "controllerElection.stage.race.wonShort" : "controllerElection.stage.race.won", { epoch: last.detail })}`, cls: "ce-event--won", t: last.t };
    case "rejected":
      return { text: `\u2715 ${t("controllerElection.stage.rejected", { request: last.detail.split(":")[0] })}`, cls: "ce-event--rejected", t: last.t };
    case "watch-fired":
      return { text: t("controllerElection.stage.watchFired"), cls: "ce-event--watch", t: last.t };
    default:
      return null;
  }
}

function drawCards(g: G, view: ControllerElectionView, layout: ControllerElectionLayout, reducedMotion: boolean): void {
  type CardDatum = { broker: BrokerView; box: Box };
  const data: CardDatum[] = view.brokers.map((broker) => ({ broker, box: layout.cards.get(broker.id)! }));
  g.selectAll<SVGGElement, CardDatum>("g.ce-card")
    .data(data, (d) => String(d.broker.id))
    .join((enter) => {
      const c = enter.append<SVGGElement>("g");
      c.append("rect").attr("class", "ce-card-box").attr("rx", 6);
      c.append("text").attr("class", "ce-card-title kl-strong");
      const badge = c.append<SVGGElement>("g").attr("class", "kl-node");
      badge.append("rect").attr("class", "kl-node-box").attr("height", 20).attr("rx", 10);
      badge.append("text").attr("class", "kl-node-text").attr("dy", "0.35em");
      c.append("text").attr("class", "ce-card-session");
      c.append("rect").attr("class", "ce-silence-track").attr("height", 5).attr("rx", 2.5);
      c.append("rect").attr("class", "ce-silence-fill").attr("height", 5).attr("rx", 2.5);
      c.append("text").attr("class", "ce-card-silence kl-muted");
      c.append("text").attr("class", "ce-card-knows");
      c.append("text").attr("class", "ce-card-watch");
      c.append("text").attr("class", "ce-card-event");
      return c;
    })
    .attr("class", (d) => `ce-card${d.broker.alive ? "" : " ce-card--dead"}${d.broker.cutFromZk ? " ce-card--cut" : ""}${d.broker.zombie ? " ce-card--zombie" : ""}`)
    .each(function (d) {
      const c = select(this);
      const { box, broker } = d;
      const x = box.x + 10;
      const innerW = box.w - 20;
      c.select("rect.ce-card-box").attr("x", box.x).attr("y", box.y).attr("width", box.w).attr("height", box.h);
      c.select("text.ce-card-title").attr("x", x).attr("y", box.y + 19).text(t("controllerElection.stage.broker", { id: broker.id }));
      const status = brokerStatus(broker);
      const badgeW = Math.min(innerW, Math.max(64, status.length * 6.6 + 18));
      const badge = c.select<SVGGElement>("g.kl-node").attr("class", badgeClass(broker)).attr("transform", `translate(${x}, ${box.y + 28})`);
      badge.select("rect").attr("width", badgeW);
      badge.select("text").attr("x", badgeW / 2).attr("y", 10).text(status);

      const session = broker.session;
      c.select("text.ce-card-session").attr("x", x).attr("y", box.y + 66).text(sessionRow(broker, layout.compact));
      const silent = session !== null && session.silentSinceMs !== null;
      const ratio = session?.status === "expired" ? 1 : (session?.silenceRatio ?? 0);
      c.select("rect.ce-silence-track").attr("x", x).attr("y", box.y + 72).attr("width", innerW).attr("opacity", silent || session?.status === "expired" ? 1 : 0);
      c.select("rect.ce-silence-fill")
        .attr("x", x)
        .attr("y", box.y + 72)
        .attr("width", Math.max(0, innerW * ratio))
        .attr("class", `ce-silence-fill${session?.status === "expired" ? " ce-silence-fill--expired" : ""}`)
        .attr("opacity", silent || session?.status === "expired" ? 1 : 0);
      c.select("text.ce-card-silence").attr("x", x).attr("y", box.y + 90).text(silenceText(session, view.tMs, layout.compact));

      const knows = knowsRow(broker, view, layout.compact);
      c.select("text.ce-card-knows")
        .attr("x", x)
        .attr("y", box.y + (silent ? 106 : 92))
        .attr("class", `ce-card-knows${knows.stale ? " ce-card-knows--stale" : ""}`)
        .text(knows.text);
      c.select("text.ce-card-watch")
        .attr("x", x)
        .attr("y", box.y + (silent ? 122 : 108))
        .text(broker.watchesController ? t(layout.compact ? "controllerElection.stage.watchingShort" : "controllerElection.stage.watching") : "");
      const event = eventRow(broker, view, layout.compact);
      c.select("text.ce-card-event")
        .attr("x", x)
        .attr("y", box.y + (silent ? 136 : 126))
        .attr("class", `ce-card-event ${event?.cls ?? ""}`)
        .attr("opacity", event ? fade(event.t, view.tMs, reducedMotion) : 0)
        .text(event?.text ?? "");
    });
}

// ---- Pulses: watches firing, create attempts ----------------------------------------------------

function drawPulses(g: G, view: ControllerElectionView, layout: ControllerElectionLayout, reducedMotion: boolean): void {
  type PulseDatum = { key: string; event: RecentEvent; path: string; head: string; cls: string };
  const node = layout.controllerNode;
  const data: PulseDatum[] = [];
  const n = view.brokers.length;
  view.recent.forEach((event, i) => {
    if (event.broker === null || (event.kind !== "watch-fired" && event.kind !== "attempt")) return;
    const card = layout.cards.get(event.broker);
    if (!card) return;
    const index = view.brokers.findIndex((b) => b.id === event.broker);
    // Spread the arrows' ends along the /controller node so they do not overlap.
    const nx = node.x + 16 + ((node.w - 32) * (index + 0.5)) / n;
    const ny = node.y + node.h;
    const cx = card.x + card.w / 2 + (event.kind === "attempt" ? 10 : -10);
    const cy = card.y;
    const midY = (ny + cy) / 2;
    const path = `M${nx},${ny} C${nx},${midY} ${cx},${midY} ${cx},${cy}`;
    // The arrowhead points at the receiver: the broker for a watch, the znode for an attempt.
    const head = event.kind === "watch-fired" ? `M${cx - 5},${cy - 8} L${cx},${cy} L${cx + 5},${cy - 8} Z` : `M${nx - 5},${ny + 8} L${nx},${ny} L${nx + 5},${ny + 8} Z`;
    data.push({ key: `${event.kind}-${event.broker}-${event.t}-${i}`, event, path, head, cls: event.kind === "watch-fired" ? "ce-pulse ce-pulse--watch" : "ce-pulse ce-pulse--attempt" });
  });
  g.selectAll<SVGGElement, PulseDatum>("g.ce-pulse")
    .data(data, (d) => d.key)
    .join((enter) => {
      const p = enter.append<SVGGElement>("g");
      p.append("path").attr("class", "ce-pulse-line");
      p.append("path").attr("class", "ce-pulse-head");
      return p;
    })
    .attr("class", (d) => d.cls)
    .attr("opacity", (d) => fade(d.event.t, view.tMs, reducedMotion))
    .each(function (d) {
      const p = select(this);
      p.select("path.ce-pulse-line").attr("d", d.path);
      p.select("path.ce-pulse-head").attr("d", d.head);
    });
}
