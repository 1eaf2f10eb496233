/**
 * Number and time formatting shared by every widget, so "4.2 s" reads the same in a narration,
 * a timeline's aria-valuetext and a chart axis.
 */

/** Simulated milliseconds as seconds with one decimal: 4200 -> "4.2 s". */
export function formatSeconds(ms: number): string {
  return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}

/** A duration for prose: under a second in ms, else in seconds: 350 -> "350 ms", 4200 -> "4.2 s". */
export function formatDuration(ms: number): string {
  return Math.abs(ms) < 1000 ? `${Math.round(ms)} ms` : formatSeconds(ms);
}

/** A broker list the way Kafka's tools print it: [1, 2, 3]. */
export function formatList(items: readonly (string | number)[]): string {
  return `[${items.join(", ")}]`;
}

/** "orders-0": Kafka's spelling of a topic-partition. */
export function formatTopicPartition(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Offsets a..b as "a-b", or "a" when they are the same. */
export function formatOffsetRange(first: number, last: number): string {
  return first === last ? String(first) : `${first}-${last}`;
}

/** A network node name as a reader says it: "broker-2" -> "broker 2", "zk" -> "ZooKeeper". */
export function formatNode(node: string): string {
  if (node === "zk") return "ZooKeeper";
  const broker = /^broker-(\d+)$/.exec(node);
  return broker ? `broker ${broker[1]}` : node;
}
