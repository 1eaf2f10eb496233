import { beforeAll, describe, expect, test } from "vitest";
import { parseScenario } from "../../../engine/index";
import { describeSweep, formatKiB, sweepTableRows } from "../../../widgets/batching-chart/describe";
import { decodeHash, mergeHash } from "../../../widgets/batching-chart/state";
import {
  BATCH_SIZES,
  checkSweepKnobs,
  DEFAULT_SWEEP,
  LINGERS,
  MEASURE_FROM_MS,
  MEASURE_TO_MS,
  runSweep,
  sweepGrid,
  sweepRecords,
  sweepScenario,
  type SweepPoint,
} from "../../../widgets/batching-chart/sweep";
import { toBase64Url } from "../../../widgets/kit/url-state";

const line = (points: readonly SweepPoint[], lingerMs: number) => points.filter((p) => p.lingerMs === lingerMs);
const at = (points: readonly SweepPoint[], lingerMs: number, batchSize: number) => points.find((p) => p.lingerMs === lingerMs && p.batchSize === batchSize)!;
const windowS = (MEASURE_TO_MS - MEASURE_FROM_MS) / 1000;

describe("batching chart: the sweep's grid and scenarios", () => {
  test("P-ACCUM: the grid is every batch.size from 1 KiB to 256 KiB (doubling) for each of linger.ms 0, 5, 20 and 100", () => {
    const grid = sweepGrid();
    expect(grid).toHaveLength(BATCH_SIZES.length * LINGERS.length);
    expect(BATCH_SIZES[0]).toBe(1024);
    expect(BATCH_SIZES.at(-1)).toBe(256 * 1024);
    for (let i = 1; i < BATCH_SIZES.length; i++) expect(BATCH_SIZES[i]).toBe(2 * BATCH_SIZES[i - 1]);
    expect([...new Set(grid.map((p) => p.lingerMs))]).toEqual([0, 5, 20, 100]);
  });

  test("P-ACCUM: each point is a valid producer scenario sending at a steady rate with that batch.size and linger.ms", () => {
    const scenario = parseScenario(sweepScenario({ batchSize: 8192, lingerMs: 20 }, { recordsPerSecond: 500, valueBytes: 100 }));
    expect(scenario.workload[0]).toMatchObject({ type: "producer", intervalMs: 2, count: sweepRecords(500), valueBytes: 100, keys: null, config: { "batch.size": 8192, "linger.ms": 20 } });
    // The sends outlast the measuring window, so no batch sent in it is cut short by the end of the sends.
    expect(sweepRecords(500) * 2).toBeGreaterThan(MEASURE_TO_MS);
  });

  test("P-ACCUM: a bad knob is refused naming the field, the value and what is allowed", () => {
    expect(() => checkSweepKnobs({ recordsPerSecond: 300, valueBytes: 100 })).toThrow("Records per second: 300 is not allowed; choose one of 100, 200, 500, 1000.");
    expect(() => checkSweepKnobs({ recordsPerSecond: 100, valueBytes: 7 })).toThrow("Record size: 7 bytes is not allowed; choose one of 100, 1000, 10000.");
  });
});

describe("batching chart: what the engine's sweep shows at a steady send rate (real runs)", () => {
  let points: SweepPoint[];
  let fast: SweepPoint[];
  beforeAll(() => {
    points = runSweep(DEFAULT_SWEEP);
    fast = runSweep({ recordsPerSecond: 1000, valueBytes: 1000 });
  });

  test("P-ACCUM: every run keeps up with its send rate: every record sent in the window is acknowledged, none waits much past linger.ms", () => {
    for (const [sweep, rate] of [[points, 500], [fast, 1000]] as const) {
      for (const p of sweep) {
        expect(p.acked).toBe(sweepRecords(rate));
        expect(p.ackedInWindow).toBe(rate * windowS);
        expect(p.latencyMaxMs).toBeLessThanOrEqual(p.lingerMs + 10);
      }
    }
  });

  test("P-ACCUM: with linger.ms=0 and no backlog, the sender sends each record as it comes: one record per request", () => {
    for (const p of line(points, 0)) expect(p.recordsPerRequest).toBeCloseTo(1, 5);
  });

  test("P-ACCUM: a longer linger.ms fills requests more, once batch.size is not the limit", () => {
    const largest = LINGERS.map((lingerMs) => at(points, lingerMs, BATCH_SIZES.at(-1)!).recordsPerRequest);
    for (let i = 1; i < largest.length; i++) expect(largest[i]).toBeGreaterThan(largest[i - 1]);
    // About what arrives within one linger.ms: 500 records/s for 100 ms is 50.
    expect(largest[3]).toBeGreaterThan(40);
    expect(at(points, 100, BATCH_SIZES.at(-1)!).requestsPerSecond).toBeLessThan(at(points, 0, BATCH_SIZES.at(-1)!).requestsPerSecond / 20);
  });

  test("P-ACCUM: batch.size caps a batch: records per request never falls as batch.size grows, and 1 KiB holds one 1000-byte record", () => {
    for (const sweep of [points, fast]) {
      for (const lingerMs of LINGERS) {
        const perRequest = line(sweep, lingerMs).map((p) => p.recordsPerRequest);
        for (let i = 1; i < perRequest.length; i++) expect(perRequest[i]).toBeGreaterThanOrEqual(perRequest[i - 1] - 0.5);
        expect(perRequest[0]).toBeCloseTo(1, 5);
      }
    }
  });

  test("P-ACCUM: linger.ms is paid in latency when batches do not fill: p99 is linger.ms plus a round trip", () => {
    for (const lingerMs of LINGERS) {
      const p99 = at(points, lingerMs, BATCH_SIZES.at(-1)!).latencyP99Ms;
      expect(p99).toBeGreaterThanOrEqual(lingerMs);
      expect(p99).toBeLessThanOrEqual(lingerMs + 10);
    }
  });

  test("P-ACCUM: when batches fill before linger.ms runs out, records wait less than linger.ms (small batch.size, higher rate)", () => {
    const small = at(fast, 100, 1024).latencyP99Ms;
    const large = at(fast, 100, BATCH_SIZES.at(-1)!).latencyP99Ms;
    expect(small).toBeLessThan(50);
    expect(large).toBeGreaterThanOrEqual(100);
  });

  test("P-ACCUM: the summary and the table say what the chart draws", () => {
    const text = describeSweep(points, DEFAULT_SWEEP);
    expect(text.startsWith(`36 engine runs, each sending records of 1000 bytes at 500 per second for 500 ms, measured from ${MEASURE_FROM_MS} to ${MEASURE_TO_MS} ms.`)).toBe(true);
    expect(text).toContain("linger.ms=100: from 1 KiB to 256 KiB batch.size, 1 to ");
    const rows = sweepTableRows(points);
    expect(rows).toHaveLength(36);
    expect(rows[0].slice(0, 3)).toEqual(["0 ms", "1 KiB", "1"]);
    expect(rows[0][3]).toBe(String(Math.round(points[0].requestsPerSecond)));
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
  });

  test("P-ACCUM: a broken link names what is wrong, including an old link's 'all at once' (0)", () => {
    const bad = (data: unknown) => `#batching-chart=${toBase64Url(JSON.stringify(data))}`;
    expect(decodeHash(bad({ v: 1, r: 7, b: 100 }), "batching-chart")).toEqual({ ok: false, message: "Records per second: 7 is not allowed; choose one of 100, 200, 500, 1000." });
    expect(decodeHash(bad({ v: 1, r: 0, b: 100 }), "batching-chart")).toEqual({ ok: false, message: "Records per second: 0 is not allowed; choose one of 100, 200, 500, 1000." });
    expect(decodeHash(bad([1]), "batching-chart")).toMatchObject({ ok: false, message: expect.stringContaining("\"v\", \"r\" and \"b\"") });
    expect(decodeHash("#batching-chart=!!", "batching-chart")).toMatchObject({ ok: false });
  });
});
