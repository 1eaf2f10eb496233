import type { BrokerId } from "../../engine/index";

/**
 * Where things go on the controller-election stage, in CSS pixels. ZooKeeper's tree runs across
 * the top; the brokers sit in columns below it, each under its own /brokers/ids/<id> znode, so
 * the line from an ephemeral znode to the session that owns it is a short vertical drop.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ControllerElectionLayout {
  width: number;
  height: number;
  /** Narrow columns: shorter labels. */
  compact: boolean;
  zk: Box;
  controllerNode: Box;
  epochNode: Box;
  /** Baseline of the "/brokers/ids" label. */
  idsLabelY: number;
  idsNodes: Map<BrokerId, Box>;
  cards: Map<BrokerId, Box>;
}

export const STAGE_PAD = 12;
const ZK_TITLE_H = 26;
const ROW_GAP = 10;
const NODE_ROW_H = 66;
const IDS_LABEL_H = 22;
const IDS_NODE_H = 38;
const LINK_GAP = 44;
const CARD_H = 136;

/** The layout for a stage `width` px wide with these brokers, left to right. */
export function layoutControllerElection(width: number, brokers: readonly BrokerId[]): ControllerElectionLayout {
  const w = Math.max(300, Math.round(width));
  const n = Math.max(1, brokers.length);
  const inner = w - 2 * STAGE_PAD;
  const column = inner / n;
  const compact = column < 150;
  const zkX = STAGE_PAD;
  const zkY = STAGE_PAD;
  const rowY = zkY + ZK_TITLE_H;
  const nodeInset = 10;
  const rowW = inner - 2 * nodeInset;
  const controllerW = Math.round(rowW * (compact ? 0.55 : 0.64));
  const controllerNode: Box = { x: zkX + nodeInset, y: rowY, w: controllerW, h: NODE_ROW_H };
  const epochNode: Box = { x: controllerNode.x + controllerW + ROW_GAP, y: rowY, w: rowW - controllerW - ROW_GAP, h: NODE_ROW_H };
  const idsLabelY = rowY + NODE_ROW_H + ROW_GAP + IDS_LABEL_H - 6;
  const idsY = rowY + NODE_ROW_H + ROW_GAP + IDS_LABEL_H;
  const zk: Box = { x: zkX, y: zkY, w: inner, h: idsY + IDS_NODE_H + 10 - zkY };
  const cardsY = zk.y + zk.h + LINK_GAP;
  const idsNodes = new Map<BrokerId, Box>();
  const cards = new Map<BrokerId, Box>();
  brokers.forEach((id, i) => {
    const left = STAGE_PAD + column * i;
    const nodeW = Math.min(column - 12, 132);
    idsNodes.set(id, { x: left + (column - nodeW) / 2, y: idsY, w: nodeW, h: IDS_NODE_H });
    cards.set(id, { x: left + 4, y: cardsY, w: column - 8, h: CARD_H });
  });
  return { width: w, height: cardsY + CARD_H + STAGE_PAD, compact, zk, controllerNode, epochNode, idsLabelY, idsNodes, cards };
}
