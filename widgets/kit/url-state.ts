import { parseScenario, ScenarioValidationError, type ScenarioInput } from "../../engine/index";
import { t } from "../../content/i18n/t";

/**
 * A widget's exact state (its scenario and the player's time) in the URL's hash, so a link
 * restores what the sender saw. Several widgets share one hash, one `key=value` entry each:
 * `#replica-log-steady=<base64url(JSON)>&hw-chart-slow-follower=<...>`.
 * The JSON is `{ "v": 1, "t": <ms>, "s": <scenario> }`.
 */

const FORMAT_VERSION = 1;

export interface WidgetState {
  /** The widget's URL key (its id, plus its preset when a page shows several). */
  widget: string;
  scenario: ScenarioInput;
  tMs: number;
}

export type DecodedState = { ok: true; scenario: ScenarioInput; tMs: number } | { ok: false; message: string };

/** `#<widget>=<base64url(JSON)>`, the fragment for one widget. */
export function encodeState(state: WidgetState): string {
  return withEntry("", state.widget, stateData(state));
}

/** The hash with this widget's entry added or replaced, other widgets' entries kept as they were. */
export function mergeState(hash: string, state: WidgetState): string {
  return withEntry(hash, state.widget, stateData(state));
}

function stateData(state: WidgetState): { v: number; t: number; s: ScenarioInput } {
  return { v: FORMAT_VERSION, t: Math.max(0, Math.round(state.tMs)), s: state.scenario };
}

/** The hash with `key=<base64url(JSON of data)>` added or replaced, other entries kept as they were. */
function withEntry(hash: string, key: string, data: unknown): string {
  const others = splitHash(hash)
    .filter(([other]) => other !== key)
    .map(([other, value]) => `${other}=${value}`);
  return `#${[...others, `${key}=${toBase64Url(JSON.stringify(data))}`].join("&")}`;
}

// ---- State that is not a scenario --------------------------------------------------------------
//
// A widget without a player (static-widget.ts) keeps its own small JSON in the same hash,
// `key=<base64url({"v":1, ...fields})>`, beside the other widgets' entries, with the same
// messages as a scenario when a link is broken.

/** The hash with this widget's fields added or replaced (written as `{"v":1, ...fields}`). */
export function mergeFields(hash: string, key: string, fields: Record<string, unknown>): string {
  return withEntry(hash, key, { v: FORMAT_VERSION, ...fields });
}

export type DecodedFields = { ok: true; fields: Record<string, unknown> } | { ok: false; message: string };

/**
 * This widget's fields from a hash: null when the hash does not mention it; else the fields
 * (still to be checked by the widget) or what is wrong: not base64 or not JSON, not an object
 * (`notStateKey`, the widget's own message), or another format version. Never throws.
 */
export function decodeFields(hash: string, key: string, notStateKey: Parameters<typeof t>[0]): DecodedFields | null {
  const value = splitHash(hash).find(([other]) => other === key)?.[1];
  if (value === undefined) return null;
  let data: unknown;
  try {
    data = JSON.parse(fromBase64Url(value));
  } catch {
    return { ok: false, message: t("kit.url.notBase64") };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) return { ok: false, message: t(notStateKey) };
  const fields = data as Record<string, unknown>;
  if (fields.v !== FORMAT_VERSION) return { ok: false, message: t("kit.url.version", { found: JSON.stringify(fields.v) ?? "nothing", expected: FORMAT_VERSION }) };
  return { ok: true, fields };
}

/**
 * This widget's state from a hash. Null when the hash says nothing about this widget; otherwise
 * the scenario and time, or a message naming what is wrong (not base64, not JSON, not a widget
 * state, or the scenario's validation issues with their paths and values). Never throws.
 */
export function decodeState(hash: string, widget: string): DecodedState | null {
  let value: string | undefined;
  try {
    value = splitHash(hash).find(([key]) => key === widget)?.[1];
  } catch {
    return null;
  }
  if (value === undefined) return null;
  return decodeValue(value);
}

function decodeValue(value: string): DecodedState {
  const fail = (key: Parameters<typeof t>[0], params?: Record<string, string | number>): DecodedState => ({ ok: false, message: t(key, params) });
  if (!/^[A-Za-z0-9_-]*$/.test(value) || value.length % 4 === 1) return fail("kit.url.notBase64");
  let json: string;
  try {
    json = fromBase64Url(value);
  } catch {
    return fail("kit.url.notBase64");
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return fail("kit.url.notJson", { detail: error instanceof Error ? error.message : String(error) });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) return fail("kit.url.notState");
  const { v, t: tMs, s: scenario } = data as Record<string, unknown>;
  if (v !== FORMAT_VERSION) return fail("kit.url.version", { found: JSON.stringify(v) ?? "nothing", expected: FORMAT_VERSION });
  if (typeof tMs !== "number" || !Number.isFinite(tMs) || tMs < 0) return fail("kit.url.time", { found: JSON.stringify(tMs) ?? "nothing" });
  if (scenario === null || typeof scenario !== "object" || Array.isArray(scenario)) return fail("kit.url.noScenario");
  try {
    const parsed = parseScenario(scenario);
    if (tMs > parsed.durationMs) return fail("kit.url.timeAfterEnd", { found: tMs, durationMs: parsed.durationMs });
  } catch (error) {
    if (error instanceof ScenarioValidationError) {
      const issues = error.issues.map((issue) => `${issue.path || "(root)"}: ${issue.message}${issue.value === undefined ? "" : ` (got ${shortJson(issue.value)})`}`);
      return fail("kit.url.invalidScenario", { issues: issues.join("; ") });
    }
    return fail("kit.url.invalidScenario", { issues: error instanceof Error ? error.message : String(error) });
  }
  return { ok: true, scenario: scenario as ScenarioInput, tMs };
}

function shortJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The hash's `key=value` entries (a leading "#" is optional; entries without "=" are ignored). */
export function splitHash(hash: string): [string, string][] {
  const body = hash.startsWith("#") ? hash.slice(1) : hash;
  if (body === "") return [];
  const entries: [string, string][] = [];
  for (const part of body.split("&")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    entries.push([part.slice(0, eq), part.slice(eq + 1)]);
  }
  return entries;
}

/** UTF-8 text as base64url without padding (RFC 4648 section 5), safe in a URL fragment. */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The inverse of toBase64Url; throws on input that is not base64url or not UTF-8. */
export function fromBase64Url(value: string): string {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}
