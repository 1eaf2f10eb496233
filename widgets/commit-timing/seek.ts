import type { Fault } from "../../engine/index";
import type { ActionSpec } from "../kit/spec";
import type { CommitTimingView } from "./fold";
import { CONSUMER, TOPIC } from "./presets";

/**
 * The lab's "Seek to…" buttons: the application moves its position (consumer.seek,
 * seekToBeginning, seekToEnd) at the time shown; the engine makes the seek at the next turn of
 * the poll loop, as a real application's thread would between two poll() calls. Three buttons
 * rather than a free offset field: the chapter's exercise needs offset 10, and a button named
 * by what it does stays one keystroke away.
 */

/** The offset the middle button seeks to: past the first two batches of every preset, before the end. */
export const SEEK_OFFSET = 10;

type SeekTo = Extract<Fault, { type: "consumer-seek" }>["to"];

const seekFault = (atMs: number, to: SeekTo): Fault => ({ type: "consumer-seek", atMs, client: CONSUMER, topic: TOPIC, partition: 0, to });

/** A seek needs a running consumer that holds the partition (Kafka throws IllegalStateException otherwise). */
const holdsPartition = (v: CommitTimingView) => v.alive && v.position !== null;

export const seekActions: ActionSpec<CommitTimingView>[] = [
  { id: "seek-beginning", labelKey: "commitTiming.action.seekBeginning", fault: (atMs) => seekFault(atMs, "beginning"), enabled: holdsPartition },
  { id: "seek-offset", labelKey: "commitTiming.action.seekOffset", labelParams: { offset: SEEK_OFFSET }, fault: (atMs) => seekFault(atMs, { offset: SEEK_OFFSET }), enabled: holdsPartition },
  { id: "seek-end", labelKey: "commitTiming.action.seekEnd", fault: (atMs) => seekFault(atMs, "end"), enabled: holdsPartition },
];
