import { decodeFields, mergeFields } from "../kit/url-state";
import { checkSweepKnobs, type SweepKnobs } from "./sweep";

/**
 * The chart's state in the URL hash, beside the other widgets' entries:
 * `batching-chart=<base64url({"v":1,"r":<records/s>,"b":<value bytes>})>`, through the kit's
 * helpers for state that is not a scenario: the chart has no player and runs many scenarios.
 */
export function mergeHash(hash: string, urlKey: string, knobs: SweepKnobs): string {
  return mergeFields(hash, urlKey, { r: knobs.recordsPerSecond, b: knobs.valueBytes });
}

export type DecodedSweepState = { ok: true; knobs: SweepKnobs } | { ok: false; message: string };

/** Null when the hash does not mention this chart; else its knobs or what is wrong. Never throws. */
export function decodeHash(hash: string, urlKey: string): DecodedSweepState | null {
  const decoded = decodeFields(hash, urlKey, "batchingChart.url.notState");
  if (!decoded?.ok) return decoded;
  const { r, b } = decoded.fields;
  const knobs = { recordsPerSecond: r, valueBytes: b };
  try {
    checkSweepKnobs(knobs);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, knobs };
}
