import type { PipelineView } from "./fold";

/**
 * Where each part of the pipeline sits on the stage, in real CSS pixels. Wide stages read
 * left to right in the order a record travels (application thread, accumulator, sender,
 * in-flight queues, brokers); narrow ones (a phone) stack the same parts top to bottom.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  narrow: boolean;
  width: number;
  height: number;
  /** The status line(s) at the top. */
  statusLines: number;
  /** The four stations of send(), in order: send(), interceptors, serializer, partitioner. */
  stations: Box[];
  /** Where the record passing through is drawn next to station i. */
  recordAt: (station: number) => { x: number; y: number };
  /** The line under the stations that names the record passing through. */
  currentText: { x: number; y: number; width: number };
  gauge: Box;
  appTitle: { x: number; y: number };
  accTitle: { x: number; y: number };
  /** One row per partition: its label line and the deque's area (batches right-aligned). */
  partitionRows: { label: { x: number; y: number }; note: { x: number; y: number; anchor: "start" | "end" }; deque: Box }[];
  sender: Box;
  /** One row per broker: its badge and label, and the in-flight slots. */
  brokerRows: { label: { x: number; y: number }; badge: { x: number; y: number }; slots: Box[] }[];
  inFlightTitle: { x: number; y: number };
  batch: { width: number; height: number };
}

export const PAD = 12;
const GAP = 16;
const STATION_HEIGHT = 30;
const BATCH = { width: 124, height: 84 };
/** A partition row: its label, the deque, and the note on its last completed batch. */
const ROW_HEIGHT = BATCH.height + 28;
const BADGE_WIDTH = 72;

/** Below this width the stage stacks its parts vertically. */
export const NARROW_BELOW = 760;

export function layoutFor(view: PipelineView, width: number): Layout {
  return width < NARROW_BELOW ? narrowLayout(view, width) : wideLayout(view, width);
}

function slotsIn(area: Box, count: number): Box[] {
  const gap = 4;
  const slotWidth = Math.max(8, (area.width - gap * (count - 1)) / count);
  return Array.from({ length: count }, (_, i) => ({ x: area.x + i * (slotWidth + gap), y: area.y, width: slotWidth, height: area.height }));
}

function wideLayout(view: PipelineView, width: number): Layout {
  const statusLines = 2;
  const top = 16 * statusLines + 36;
  const appW = 150;
  const senderW = 64;
  const brokerW = 132;
  const maxInFlight = Math.max(1, view.settings.maxInFlight);
  const inFlightW = Math.min(240, Math.max(120, maxInFlight * 40));
  const accW = Math.max(BATCH.width + 20, width - 2 * PAD - appW - senderW - inFlightW - brokerW - 4 * GAP);
  const xApp = PAD;
  const xAcc = xApp + appW + GAP;
  const xSender = xAcc + accW + GAP;
  const xInFlight = xSender + senderW + GAP;
  const xBroker = xInFlight + inFlightW + GAP;

  const stations = Array.from({ length: 4 }, (_, i) => ({ x: xApp, y: top + i * (STATION_HEIGHT + 14), width: appW - 30, height: STATION_HEIGHT }));
  const stationsBottom = stations[3].y + STATION_HEIGHT;
  const currentText = { x: xApp, y: stationsBottom + 18, width: appW };
  const gauge = { x: xApp, y: stationsBottom + 62, width: appW, height: 14 };

  const rows = Math.max(view.partitions.length, view.brokers.length);
  const partitionRows = view.partitions.map((_, i) => {
    const y = top + i * ROW_HEIGHT;
    return { label: { x: xAcc, y: y + 10 }, note: { x: xAcc + accW, y: y + 10, anchor: "end" as const }, deque: { x: xAcc, y: y + 18, width: accW, height: BATCH.height } };
  });
  const brokerRows = view.brokers.map((_, i) => {
    const y = top + i * ROW_HEIGHT;
    return {
      label: { x: xBroker, y: y + 56 },
      badge: { x: xBroker, y: y + 24 },
      slots: slotsIn({ x: xInFlight, y: y + 18, width: inFlightW, height: BATCH.height }, maxInFlight),
    };
  });
  const contentBottom = Math.max(top + rows * ROW_HEIGHT, gauge.y + gauge.height + 60);
  return {
    narrow: false,
    width,
    height: contentBottom + 6,
    statusLines,
    stations,
    recordAt: (i) => ({ x: xApp + appW - 24, y: stations[i].y + 3 }),
    currentText,
    gauge,
    appTitle: { x: xApp, y: top - 12 },
    accTitle: { x: xAcc, y: top - 12 },
    partitionRows,
    sender: { x: xSender, y: top, width: senderW, height: rows * ROW_HEIGHT - 12 },
    brokerRows,
    inFlightTitle: { x: xInFlight, y: top - 12 },
    batch: BATCH,
  };
}

function narrowLayout(view: PipelineView, width: number): Layout {
  const statusLines = 4;
  let y = 16 * statusLines + 30;
  const inner = width - 2 * PAD;
  const appTitle = { x: PAD, y: y - 10 };
  const stationW = (inner - 3 * 8) / 4;
  const stations = Array.from({ length: 4 }, (_, i) => ({ x: PAD + i * (stationW + 8), y, width: stationW, height: STATION_HEIGHT }));
  y += STATION_HEIGHT + 4;
  const recordY = y;
  y += 26;
  const currentText = { x: PAD, y: y + 10, width: inner };
  y += 30;
  const gauge = { x: PAD, y: y + 16, width: inner, height: 14 };
  y = gauge.y + gauge.height + 64;
  const accTitle = { x: PAD, y };
  y += 10;
  const partitionRows = view.partitions.map(() => {
    const row = { label: { x: PAD, y: y + 10 }, note: { x: width - PAD, y: y + 10, anchor: "end" as const }, deque: { x: PAD, y: y + 18, width: inner, height: BATCH.height } };
    y += ROW_HEIGHT;
    return row;
  });
  const sender = { x: PAD, y: y + 2, width: inner, height: 30 };
  y = sender.y + sender.height + 30;
  const inFlightTitle = { x: PAD, y: y - 6 };
  const maxInFlight = Math.max(1, view.settings.maxInFlight);
  const brokerRows = view.brokers.map(() => {
    const row = {
      badge: { x: width - PAD - BADGE_WIDTH, y: y + 2 },
      label: { x: PAD, y: y + 16 },
      slots: slotsIn({ x: PAD, y: y + 28, width: inner, height: 56 }, maxInFlight),
    };
    y += 56 + 40;
    return row;
  });
  return {
    narrow: true,
    width,
    height: y + 4,
    statusLines,
    stations,
    recordAt: (i) => ({ x: stations[i].x + stations[i].width / 2 - 12, y: recordY }),
    currentText,
    gauge,
    appTitle,
    accTitle,
    partitionRows,
    sender,
    brokerRows,
    inFlightTitle,
    batch: BATCH,
  };
}
