import { t } from "../../content/i18n/t";
import { fromBase64Url, splitHash, toBase64Url } from "../kit/url-state";
import { checkSweepKnobs, type SweepKnobs } from "./sweep";

/**
 * The chart's state in the URL hash, beside the other widgets' entries:
 * `batching-chart=<base64url({"v":1,"r":<records/s>,"b":<value bytes>})>`. Like the kit's
 * url-state, but for knobs rather than a scenario: the chart has no player and runs many scenarios.
 */
const FORMAT_VERSION = 1;

export function mergeHash(hash: string, urlKey: string, knobs: SweepKnobs): string {
  const others = splitHash(hash)
    .filter(([key]) => key !== urlKey)
    .map(([key, value]) => `${key}=${value}`);
  const entry = `${urlKey}=${toBase64Url(JSON.stringify({ v: FORMAT_VERSION, r: knobs.recordsPerSecond, b: knobs.valueBytes }))}`;
  return `#${[...others, entry].join("&")}`;
}

export type DecodedSweepState = { ok: true; knobs: SweepKnobs } | { ok: false; message: string };

/** Null when the hash does not mention this chart; else its knobs or what is wrong. Never throws. */
export function decodeHash(hash: string, urlKey: string): DecodedSweepState | null {
  const value = splitHash(hash).find(([key]) => key === urlKey)?.[1];
  if (value === undefined) return null;
  let data: unknown;
  try {
    data = JSON.parse(fromBase64Url(value));
  } catch {
    return { ok: false, message: t("kit.url.notBase64") };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) return { ok: false, message: t("batchingChart.url.notState") };
  const { v, r, b } = data as Record<string, unknown>;
  if (v !== FORMAT_VERSION) return { ok: false, message: t("kit.url.version", { found: JSON.stringify(v) ?? "nothing", expected: FORMAT_VERSION }) };
  const knobs = { recordsPerSecond: r, valueBytes: b };
  try {
    checkSweepKnobs(knobs);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, knobs };
}
