import { beforeAll, describe, expect, test } from "vitest";
import { parseScenario } from "../../../engine/index";
import { describeSweep, formatKiB, sweepTableRows } from "../../../widgets/batching-chart/describe";
import { decodeHash, mergeHash } from "../../../widgets/batching-chart/state";
import {
  ALL_AT_ONCE,
  BATCH_SIZES,
  checkSweepKnobs,
  DEFAULT_SWEEP,
  LINGERS,
  runSweep,
  SWEEP_RECORDS,
  sweepGrid,
  sweepScenario,
  type SweepPoint,
} from "../../../widgets/batching-chart/sweep";
import { toBase64Url } from "../../../widgets/kit/url-state";

const line = (points: readonly SweepPoint[], lingerMs: number) => points.filter((p) => p.lingerMs === lingerMs);

describe("batching chart: the sweep's grid and scenarios", () => {
  test("P-ACCUM: the grid is every batch.size from 1 KiB to 256 KiB (doubling) for each of linger.ms 0, 5, 20 and 100", () => {
    const grid = sweepGrid();
    expect(grid).toHaveLength(BATCH_SIZES.length * LINGERS.length);
    expect(BATCH_SIZES[0]).toBe(1024);
    expect(BATCH_SIZES.at(-1)).toBe(256 * 1024);
    for (let i = 1; i < BATCH_SIZES.length; i++) expect(BATCH_SIZES[i]).toBe(2 * BATCH_SIZES[i - 1]);
    expect([...new Set(grid.map((p) => p.lingerMs))]).toEqual([0, 5, 20, 100]);
  });

  test("P-ACCUM: each point is a valid producer scenario with that batch.size and linger.ms, sent at the chosen rate", () => {
    const scenario = parseScenario(sweepScenario({ batchSize: 8192, lingerMs: 20 }, { recordsPerSecond: 500, valueBytes: 100 }));
    expect(scenario.workload[0]).toMatchObject({ type: "producer", intervalMs: 2, count: SWEEP_RECORDS, valueBytes: 100, keys: null, config: { "batch.size": 8192, "linger.ms": 20 } });
    expect(parseScenario(sweepScenario({ batchSize: 1024, lingerMs: 0 }, DEFAULT_SWEEP)).workload[0]).toMatchObject({ intervalMs: 0 });
  });

  test("P-ACCUM: a bad knob is refused naming the field, the value and what is allowed", () => {
    expect(() => checkSweepKnobs({ recordsPerSecond: 300, valueBytes: 100 })).toThrow("Records per second: 300 is not allowed; choose one of 100, 500, 1000, 0.");
    expect(() => checkSweepKnobs({ recordsPerSecond: 100, valueBytes: 7 })).toThrow("Record size: 7 bytes is not allowed; choose one of 100, 1000, 10000.");
  });
});

describe("batching chart: what the engine's sweep shows (real runs)", () => {
  let backlog: SweepPoint[];
  let steady: SweepPoint[];
  beforeAll(() => {
    backlog = runSweep(DEFAULT_SWEEP);
    steady = runSweep({ recordsPerSecond: 500, valueBytes: 1000 });
  });

  test("P-ACCUM: every run of the sweep delivers all its records", () => {
    for (const p of [...backlog, ...steady]) expect(p.acked).toBe(SWEEP_RECORDS);
  });

  test("P-ACCUM: a batch never holds more than batch.size allows: records per batch never falls as batch.size grows", () => {
    for (const points of [backlog, steady]) {
      for (const lingerMs of LINGERS) {
        const perBatch = line(points, lingerMs).map((p) => p.recordsPerBatch);
        for (let i = 1; i < perBatch.length; i++) expect(perBatch[i]).toBeGreaterThanOrEqual(perBatch[i - 1] - 1e-9);
      }
    }
  });

  test("P-ACCUM: at a steady low load, a longer linger.ms fills batches more (at a batch.size that is not the limit)", () => {
    const largest = steady.filter((p) => p.batchSize === BATCH_SIZES.at(-1));
    const byLinger = LINGERS.map((lingerMs) => largest.find((p) => p.lingerMs === lingerMs)!.recordsPerBatch);
    for (let i = 1; i < byLinger.length; i++) expect(byLinger[i]).toBeGreaterThan(byLinger[i - 1]);
  });

  test("P-ACCUM: at a steady low load, linger.ms is paid in latency: p99 never falls as linger.ms grows and is at least linger.ms", () => {
    for (const batchSize of BATCH_SIZES) {
      const p99 = LINGERS.map((lingerMs) => steady.find((p) => p.batchSize === batchSize && p.lingerMs === lingerMs)!.latencyP99Ms);
      for (let i = 1; i < p99.length; i++) expect(p99[i]).toBeGreaterThanOrEqual(p99[i - 1]);
      // 0 and 5 ms can tie (the slowest records wait for the first metadata either way); 100 ms cannot.
      expect(p99[3]).toBeGreaterThan(p99[1]);
      LINGERS.forEach((lingerMs, i) => expect(p99[i]).toBeGreaterThanOrEqual(lingerMs));
    }
  });

  test("P-ACCUM: at a steady low load, throughput follows the send rate, whatever batch.size", () => {
    for (const p of line(steady, 0)) expect(p.throughput).toBeGreaterThan(450);
  });

  test("P-ACCUM: with a backlog, batch.size sets the pace: throughput at 256 KiB is several times that at 1 KiB", () => {
    const eager = line(backlog, 0);
    expect(eager.at(-1)!.throughput).toBeGreaterThan(3 * eager[0].throughput);
    expect(eager.at(-1)!.latencyP99Ms).toBeLessThan(eager[0].latencyP99Ms);
  });

  test("P-ACCUM: the summary and the table say what the chart draws", () => {
    const text = describeSweep(backlog, DEFAULT_SWEEP);
    expect(text.startsWith(`36 engine runs, each ${SWEEP_RECORDS} records of 1000 bytes sent all at once.`)).toBe(true);
    expect(text).toContain("linger.ms=100: from 1 KiB to 256 KiB batch.size");
    const rows = sweepTableRows(backlog);
    expect(rows).toHaveLength(36);
    expect(rows[0].slice(0, 2)).toEqual(["0 ms", "1 KiB"]);
    expect(rows[0][2]).toBe(String(Math.round(backlog[0].throughput)));
    expect(formatKiB(262144)).toBe("256 KiB");
  });
});

describe("batching chart: the state in the URL", () => {
  test("P-ACCUM: a link restores the knobs beside other widgets' entries", () => {
    const knobs = { recordsPerSecond: 100, valueBytes: 10000 };
    const hash = mergeHash("#partitioner=xyz", "batching-chart", knobs);
    expect(hash.startsWith("#partitioner=xyz&batching-chart=")).toBe(true);
    expect(decodeHash(hash, "batching-chart")).toEqual({ ok: true, knobs });
    expect(decodeHash("#partitioner=xyz", "batching-chart")).toBeNull();
    expect(decodeHash(mergeHash("", "batching-chart", { recordsPerSecond: ALL_AT_ONCE, valueBytes: 100 }), "batching-chart")).toMatchObject({ ok: true });
  });

  test("P-ACCUM: a broken link names what is wrong", () => {
    const bad = (data: unknown) => `#batching-chart=${toBase64Url(JSON.stringify(data))}`;
    expect(decodeHash(bad({ v: 1, r: 7, b: 100 }), "batching-chart")).toEqual({ ok: false, message: "Records per second: 7 is not allowed; choose one of 100, 500, 1000, 0." });
    expect(decodeHash(bad([1]), "batching-chart")).toMatchObject({ ok: false, message: expect.stringContaining("\"v\", \"r\" and \"b\"") });
    expect(decodeHash("#batching-chart=!!", "batching-chart")).toMatchObject({ ok: false });
  });
});
