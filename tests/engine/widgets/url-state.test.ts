import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeFields, decodeState, encodeState, fromBase64Url, mergeFields, mergeState, splitHash, toBase64Url } from "../../../widgets/kit/url-state";
import { presets } from "../../../widgets/replica-log/presets";

const scenario = presets["leader-crash"].scenario;

describe("url-state: a link restores a widget's exact scenario and time", () => {
  test("a state encoded into the hash decodes to the same scenario and time", () => {
    const hash = encodeState({ widget: "replica-log-leader-crash", scenario, tMs: 4200 });
    expect(hash.startsWith("#replica-log-leader-crash=")).toBe(true);
    const decoded = decodeState(hash, "replica-log-leader-crash");
    expect(decoded).toEqual({ ok: true, scenario, tMs: 4200 });
  });

  test("several widgets share one hash, each under its own key, and replacing one keeps the others", () => {
    let hash = mergeState("", { widget: "a", scenario, tMs: 1000 });
    hash = mergeState(hash, { widget: "b", scenario, tMs: 2000 });
    hash = mergeState(hash, { widget: "a", scenario, tMs: 3000 });
    expect(splitHash(hash).map(([key]) => key)).toEqual(["b", "a"]);
    expect(decodeState(hash, "a")).toMatchObject({ ok: true, tMs: 3000 });
    expect(decodeState(hash, "b")).toMatchObject({ ok: true, tMs: 2000 });
    expect(decodeState(hash, "c")).toBeNull();
  });

  test("non-ASCII text in a scenario survives the base64url round trip", () => {
    expect(fromBase64Url(toBase64Url("副本 ≥ 3 ✓"))).toBe("副本 ≥ 3 ✓");
  });

  test("a malformed link names what is wrong: not base64, not JSON, wrong shape, bad time", () => {
    expect(decodeState("#w=!!!", "w")).toEqual({ ok: false, message: expect.stringMatching(/not valid base64url/) });
    expect(decodeState(`#w=${toBase64Url("{oops")}`, "w")).toEqual({ ok: false, message: expect.stringMatching(/not JSON/) });
    expect(decodeState(`#w=${toBase64Url("[1,2]")}`, "w")).toEqual({ ok: false, message: expect.stringMatching(/not an object/) });
    expect(decodeState(`#w=${toBase64Url(JSON.stringify({ v: 9, t: 0, s: scenario }))}`, "w")).toEqual({ ok: false, message: expect.stringMatching(/version 9/) });
    expect(decodeState(`#w=${toBase64Url(JSON.stringify({ v: 1, t: -5, s: scenario }))}`, "w")).toEqual({ ok: false, message: expect.stringMatching(/"t" must be a number/) });
    expect(decodeState(`#w=${toBase64Url(JSON.stringify({ v: 1, t: 99_999_999, s: scenario }))}`, "w")).toEqual({ ok: false, message: expect.stringMatching(/after the end of its scenario/) });
  });

  test("an invalid scenario in a link is refused with the path, the value and what is allowed", () => {
    const bad = { ...scenario, topics: [{ name: "orders", partitions: 1, replicationFactor: 5 }] };
    const decoded = decodeState(encodeState({ widget: "w", scenario: bad, tMs: 0 }), "w");
    expect(decoded?.ok).toBe(false);
    const message = decoded && !decoded.ok ? decoded.message : "";
    expect(message).toMatch(/topics\[0\]\.replicationFactor/);
    expect(message).toMatch(/larger than available brokers: 3/);
    expect(message).toMatch(/got 5/);
  });

  test("decodeState never throws on arbitrary text and always answers with a state or a message", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (junk) => {
        for (const hash of [`#w=${junk}`, junk, `#${junk}`, `#w=${toBase64Url(junk)}`]) {
          const decoded = decodeState(hash, "w");
          if (decoded === null) continue;
          if (decoded.ok) expect(decoded.tMs).toBeGreaterThanOrEqual(0);
          else expect(decoded.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("decodeState never throws on arbitrary JSON either", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const decoded = decodeState(`#w=${toBase64Url(JSON.stringify(value) ?? "null")}`, "w");
        expect(decoded).not.toBeNull();
        expect(decoded!.ok === true || decoded!.message.length > 10).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("url-state: a widget without a player keeps its own fields in the same hash", () => {
  test("fields written beside a scenario entry read back, and the scenario entry is kept", () => {
    let hash = mergeState("", { widget: "replica-log", scenario, tMs: 1500 });
    hash = mergeFields(hash, "batching-chart", { r: 500, b: 1000 });
    hash = mergeFields(hash, "batching-chart", { r: 200, b: 100 });
    expect(splitHash(hash).map(([key]) => key)).toEqual(["replica-log", "batching-chart"]);
    expect(decodeFields(hash, "batching-chart", "batchingChart.url.notState")).toEqual({ ok: true, fields: { v: 1, r: 200, b: 100 } });
    expect(decodeState(hash, "replica-log")).toMatchObject({ ok: true, tMs: 1500 });
    expect(decodeFields(hash, "partitioner", "partitioner.url.notState")).toBeNull();
  });

  test("a broken entry names what is wrong: not base64 or JSON, the widget's own shape message, the version", () => {
    expect(decodeFields("#w=!!!", "w", "batchingChart.url.notState")).toEqual({ ok: false, message: expect.stringMatching(/not valid base64url/) });
    expect(decodeFields(`#w=${toBase64Url("{oops")}`, "w", "batchingChart.url.notState")).toEqual({ ok: false, message: expect.stringMatching(/not valid base64url/) });
    expect(decodeFields(`#w=${toBase64Url("[1]")}`, "w", "batchingChart.url.notState")).toEqual({ ok: false, message: expect.stringMatching(/"v", "r" and "b"/) });
    expect(decodeFields(`#w=${toBase64Url("[1]")}`, "w", "partitioner.url.notState")).toEqual({ ok: false, message: expect.stringMatching(/"k", "n", "p"/) });
    expect(decodeFields(`#w=${toBase64Url(JSON.stringify({ v: 2, r: 500 }))}`, "w", "batchingChart.url.notState")).toEqual({ ok: false, message: expect.stringMatching(/version 2/) });
  });
});
