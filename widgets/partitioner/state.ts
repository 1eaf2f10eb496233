import { t } from "../../content/i18n/t";
import { decodeFields, mergeFields } from "../kit/url-state";
import { MAX_KEY_LENGTH, MAX_KEYS } from "./keys";
import { checkPartitionCount } from "./rows";
import { checkCompareKnobs, DEFAULT_COMPARE, type CompareKnobs } from "./compare";

/**
 * The partitioner widget's whole state, and its place in the URL hash.
 *
 * The kit's url-state stores a scenario and a time; this widget has no player and its keys are
 * not a scenario, so it keeps its own small JSON in the same hash, one `partitioner=<base64url>`
 * entry beside the other widgets' entries, through the kit's helpers for state that is not a
 * scenario (widgets/kit/url-state.ts: mergeFields, decodeFields).
 */
export interface PartitionerState extends CompareKnobs {
  keys: string[];
  partitions: number;
  /** The partition count before the last change, to mark the keys that moved; null at first. */
  previousPartitions: number | null;
}

export const DEFAULT_KEYS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"];

export const DEFAULT_STATE: PartitionerState = {
  keys: DEFAULT_KEYS,
  partitions: 3,
  previousPartitions: null,
  ...DEFAULT_COMPARE,
};

function stateFields(state: PartitionerState): Record<string, unknown> {
  return { k: state.keys, n: state.partitions, p: state.previousPartitions, l: state.lingerMs, r: state.recordsPerSecond };
}

/** The hash with this widget's entry added or replaced; other widgets' entries kept. */
export function mergeHash(hash: string, urlKey: string, state: PartitionerState): string {
  return mergeFields(hash, urlKey, stateFields(state));
}

export type DecodedPartitionerState = { ok: true; state: PartitionerState } | { ok: false; message: string };

/** This widget's state from a hash: null if the hash does not mention it, else the state or what is wrong. Never throws. */
export function decodeHash(hash: string, urlKey: string): DecodedPartitionerState | null {
  const decoded = decodeFields(hash, urlKey, "partitioner.url.notState");
  if (!decoded?.ok) return decoded;
  const { k, n, p, l, r } = decoded.fields;
  if (!Array.isArray(k) || k.length > MAX_KEYS || !k.every((key) => typeof key === "string" && key.length > 0 && key.length <= MAX_KEY_LENGTH)) {
    return { ok: false, message: t("partitioner.url.keys", { max: MAX_KEYS, length: MAX_KEY_LENGTH }) };
  }
  try {
    checkPartitionCount(n);
    if (p !== null) checkPartitionCount(p);
    checkCompareKnobs({ lingerMs: l, recordsPerSecond: r });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return {
    ok: true,
    state: { keys: k as string[], partitions: n as number, previousPartitions: p as number | null, lingerMs: l as number, recordsPerSecond: r as number },
  };
}
