import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { JAVA_STRING_KEY_VECTORS, PARTITION_COUNTS } from "../producer/partitioner/java-vectors";
import { describeComparison, describeKeys, describeParse } from "../../../widgets/partitioner/describe";
import { checkGenerateCount, formatKeys, generateKeys, MAX_KEY_LENGTH, MAX_KEYS, parseKeys } from "../../../widgets/partitioner/keys";
import { groupByPartition, keyRow, keyRows, movedKeys } from "../../../widgets/partitioner/rows";
import { decodeHash, DEFAULT_STATE, mergeHash } from "../../../widgets/partitioner/state";
import { toBase64Url } from "../../../widgets/kit/url-state";
import { parseScenario, runScenario } from "../../../engine/index";
import { COMPARE_FROM_MS, COMPARE_PARTITIONS, COMPARE_TO_MS, compareRecords, compareScenario, DEFAULT_COMPARE, partitionerConfig, runComparison } from "../../../widgets/partitioner/compare";
import { percentile, producerFigures } from "../../../widgets/partitioner/producer-figures";

describe("partitioner widget: reading the keys a reader types", () => {
  test("P-PARTITION: keys are read one per line or comma separated, trimmed, blanks dropped", () => {
    expect(parseKeys("alice, bob\n  carol  \n\n,dave,\r\nerin").keys).toEqual(["alice", "bob", "carol", "dave", "erin"]);
  });

  test("P-PARTITION: an empty or blank field gives no keys (the widget's empty state)", () => {
    for (const text of ["", "   ", "\n\n", ", , ,"]) expect(parseKeys(text)).toEqual({ keys: [], repeats: 0, leftOut: 0, cut: 0 });
  });

  test("P-PARTITION: a repeated key is shown once and the repeat is counted", () => {
    const parsed = parseKeys("a,b,a,a");
    expect(parsed.keys).toEqual(["a", "b"]);
    expect(parsed.repeats).toBe(2);
    expect(describeParse(parsed)).toContain("2 repeated keys");
  });

  test("P-PARTITION: huge input is bounded: the first MAX_KEYS distinct keys are kept and the rest counted", () => {
    const parsed = parseKeys(Array.from({ length: 250 }, (_, i) => `k${i}`).join(","));
    expect(parsed.keys).toHaveLength(MAX_KEYS);
    expect(parsed.keys[0]).toBe("k0");
    expect(parsed.leftOut).toBe(250 - MAX_KEYS);
    expect(describeParse(parsed)).toBe(`Showing the first ${MAX_KEYS} of 250 distinct keys; the rest are left out.`);
  });

  test("P-PARTITION: a key longer than MAX_KEY_LENGTH is cut and the cut reported", () => {
    const parsed = parseKeys("x".repeat(MAX_KEY_LENGTH + 50));
    expect(parsed.keys[0]).toHaveLength(MAX_KEY_LENGTH);
    expect(parsed.cut).toBe(1);
  });

  test("P-PARTITION: formatKeys and parseKeys round-trip any list of distinct, trimmed, comma-free keys", () => {
    const key = fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.replace(/[,\n\r]/g, "").trim()).filter((s) => s.length > 0);
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 30 }), (keys) => {
        expect(parseKeys(formatKeys(keys)).keys).toEqual(keys);
      }),
    );
  });

  test("P-PARTITION: Generate keys is deterministic (user-1..user-N) and refuses a bad count naming the field and the range", () => {
    expect(generateKeys(3)).toEqual(["user-1", "user-2", "user-3"]);
    expect(generateKeys(12)).toEqual(generateKeys(12));
    for (const bad of [0, -1, 101, 2.5, Number.NaN]) {
      expect(() => checkGenerateCount(bad)).toThrow(`How many keys: ${String(bad)} is not allowed; use a whole number from 1 to 100.`);
    }
  });
});

describe("partitioner widget: each key's murmur2 and partition, as Kafka computes them", () => {
  // Kafka's UtilsTest.testMurmur2 cases.
  test.each([
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107],
  ])("P-PARTITION: the row of key %j shows Kafka's murmur2 %i (UtilsTest.testMurmur2), its hex and toPositive", (key, expected) => {
    const row = keyRow(key, 3);
    expect(row.murmur2).toBe(expected);
    expect(row.murmur2Hex).toBe((expected >>> 0).toString(16).padStart(8, "0"));
    expect(row.positive).toBe(expected & 0x7fffffff);
    expect(row.partition).toBe(row.positive % 3);
  });

  // -973932308 & 0xffffffff = 0xc5f2f8ec (worked out outside JavaScript, with Python).
  test("P-PARTITION: the hex column is Java's Integer.toHexString of the int (unsigned, 8 digits)", () => {
    expect(keyRow("21", 1).murmur2Hex).toBe("c5f2f8ec");
  });

  // JVM-computed vectors: UTF-8 bytes, murmur2 and partitionForKey for several partition counts.
  const counts = PARTITION_COUNTS.map((count, i) => [count, i] as const).filter(([count]) => count <= 12);
  test.each(JAVA_STRING_KEY_VECTORS)("P-PARTITION: key %j: bytes, murmur2 and partitions match the JVM", (key, hex, hash, partitions) => {
    for (const [count, i] of counts) {
      const row = keyRow(key, count);
      expect(row.byteCount).toBe(hex.length / 2);
      expect(row.bytesHex.replace(/ /g, "")).toBe(hex);
      expect(row.murmur2).toBe(hash);
      expect(row.partition).toBe(partitions[i]);
    }
  });

  test("P-PARTITION: the byte count is UTF-8 bytes, not characters ('é' is two bytes)", () => {
    expect(keyRow("héllo", 3).byteCount).toBe(6);
  });

  test("P-PARTITION: a partition count outside 1..12 is refused naming the field, the value and the range", () => {
    expect(() => keyRow("a", 0)).toThrow("Partitions: 0 is not allowed; use a whole number from 1 to 12.");
    expect(() => keyRows(["a"], 13)).toThrow("Partitions: 13 is not allowed");
  });

  test("P-PARTITION: grouping puts every key in exactly its partition's group, empty partitions included", () => {
    const rows = keyRows(generateKeys(40), 7);
    const groups = groupByPartition(rows, 7);
    expect(groups).toHaveLength(7);
    expect(groups.flat()).toHaveLength(40);
    groups.forEach((group, p) => expect(group.every((row) => row.partition === p)).toBe(true));
  });
});

describe("partitioner widget: adding partitions moves keys", () => {
  test("P-PARTITION: the moved keys are exactly those whose partition differs, with where they came from and went", () => {
    const keys = generateKeys(50);
    const moves = movedKeys(keys, 3, 4);
    const expected = keys.filter((key) => keyRow(key, 3).partition !== keyRow(key, 4).partition);
    expect(moves.map((m) => m.key)).toEqual(expected);
    for (const move of moves) {
      expect(move.from).toBe(keyRow(move.key, 3).partition);
      expect(move.to).toBe(keyRow(move.key, 4).partition);
    }
    // Going from 3 to 4 partitions moves most keys: only those with hash % 12 in {0, 1, 2} stay (a quarter).
    expect(moves.length).toBeGreaterThan(25);
  });

  test("P-PARTITION: no key moves when the count does not change, and doubling keeps a key or moves it by exactly n", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 20 }), fc.integer({ min: 1, max: 6 }), (keys, n) => {
        expect(movedKeys(keys, n, n)).toEqual([]);
        for (const move of movedKeys(keys, n, 2 * n)) expect(move.to).toBe(move.from + n);
      }),
    );
  });

  test("P-PARTITION: the status line says how many keys moved and between which counts", () => {
    const keys = ["alice", "bob", "carol", "dave"];
    const rows = keyRows(keys, 4);
    const moves = movedKeys(keys, 3, 4);
    expect(describeKeys(rows, 4, 3, moves)).toBe(`4 keys over 4 partitions. ${moves.length} of 4 keys moved when the topic went from 3 to 4 partitions (marked ↻).`);
    expect(describeKeys(rows, 4, null, [])).toBe("4 keys over 4 partitions.");
    expect(describeKeys([], 4, null, [])).toBe("No keys yet.");
  });
});

describe("partitioner widget: the state in the URL", () => {
  const state = { ...DEFAULT_STATE, keys: ["a", "b,c"], partitions: 5, previousPartitions: 4, lingerMs: 20, recordsPerSecond: 1000 };

  test("P-PARTITION: a link restores the keys, the partition counts and the comparison's knobs, beside other widgets' entries", () => {
    const hash = mergeHash("#replica-log=abc", "partitioner", state);
    expect(hash.startsWith("#replica-log=abc&partitioner=")).toBe(true);
    expect(decodeHash(hash, "partitioner")).toEqual({ ok: true, state });
    expect(decodeHash("#replica-log=abc", "partitioner")).toBeNull();
  });

  test("P-PARTITION: a broken link names what is wrong", () => {
    expect(decodeHash("#partitioner=@@", "partitioner")).toMatchObject({ ok: false });
    const bad = (data: unknown) => `#partitioner=${toBase64Url(JSON.stringify(data))}`;
    expect(decodeHash(bad({ v: 1, k: ["a"], n: 40, p: null, l: 5, r: 500 }), "partitioner")).toEqual({ ok: false, message: "Partitions: 40 is not allowed; use a whole number from 1 to 12." });
    expect(decodeHash(bad({ v: 1, k: ["a"], n: 3, p: null, l: 5, r: 333 }), "partitioner")).toEqual({ ok: false, message: "Records per second: 333 is not allowed; choose one of 50, 100, 200, 500, 1000." });
    expect(decodeHash(bad({ v: 1, k: "a", n: 3, p: null, l: 5, r: 500 }), "partitioner")).toMatchObject({ ok: false, message: expect.stringContaining("keys") });
    expect(decodeHash(bad({ v: 2 }), "partitioner")).toMatchObject({ ok: false, message: expect.stringContaining("version 2") });
  });
});

describe("partitioner widget: keyless records under each partitioner (real engine runs)", () => {
  const knobs = DEFAULT_COMPARE;
  const rows = runComparison(knobs);
  const row = (choice: string) => rows.find((r) => r.choice === choice)!;
  const inWindow = (knobs.recordsPerSecond * (COMPARE_TO_MS - COMPARE_FROM_MS)) / 1000;

  test("P-PARTITION: the default load is 1000 keyless records per second with linger.ms=20 to a 12-partition topic", () => {
    expect(knobs).toEqual({ lingerMs: 20, recordsPerSecond: 1000 });
    expect(COMPARE_PARTITIONS).toBe(12);
  });

  test("P-PARTITION: every partitioner delivers every record sent in the measuring window", () => {
    expect(rows.map((r) => r.choice)).toEqual(["built-in", "round-robin", "uniform-sticky"]);
    for (const r of rows) expect(r.acked).toBe(inWindow);
  });

  test("P-PARTITION: round robin spreads consecutive records over all partitions: several times more, smaller batches than sticky", () => {
    for (const sticky of ["built-in", "uniform-sticky"]) {
      expect(row(sticky).recordsPerBatch).toBeGreaterThan(4 * row("round-robin").recordsPerBatch);
      expect(row("round-robin").batches).toBeGreaterThan(4 * row(sticky).batches);
      expect(row("round-robin").requests).toBeGreaterThan(row(sticky).requests);
    }
    // Round robin's batches for the 4 partitions each broker leads share a request.
    expect(row("round-robin").batchesPerRequest).toBeGreaterThan(3);
    expect(row("built-in").batchesPerRequest).toBeLessThan(1.5);
  });

  test("P-PARTITION: with linger.ms=50, sticky batches fill and leave early while round robin's wait out linger.ms", () => {
    const longer = runComparison({ lingerMs: 50, recordsPerSecond: 1000 });
    const median = (choice: string) => longer.find((r) => r.choice === choice)!.latencyP50Ms;
    expect(median("round-robin")).toBeGreaterThanOrEqual(25);
    expect(median("built-in")).toBeLessThan(20);
    expect(median("uniform-sticky")).toBeLessThan(20);
  });

  test("P-PARTITION: at a low rate no partitioner has anything to batch: one or two records per batch each", () => {
    for (const r of runComparison({ lingerMs: 20, recordsPerSecond: 100 })) expect(r.recordsPerBatch).toBeLessThanOrEqual(2);
  });

  test("P-ACCUM: latency includes linger.ms: with linger.ms=20 the median record waits longer than with 0", () => {
    const eager = runComparison({ lingerMs: 0, recordsPerSecond: 1000 });
    for (const choice of ["built-in", "round-robin"]) {
      expect(row(choice).latencyP50Ms).toBeGreaterThan(eager.find((r) => r.choice === choice)!.latencyP50Ms);
      expect(row(choice).latencyP99Ms).toBeGreaterThanOrEqual(row(choice).latencyP50Ms);
    }
  });

  test("P-PARTITION: each run is the engine's: the scenario names Kafka's partitioner classes and validates", () => {
    expect(partitionerConfig("round-robin")).toEqual({ "partitioner.class": "org.apache.kafka.clients.producer.RoundRobinPartitioner" });
    expect(partitionerConfig("built-in")).toEqual({});
    const scenario = parseScenario(compareScenario("uniform-sticky", knobs));
    expect(scenario.workload[0]).toMatchObject({ type: "producer", keys: null, intervalMs: 1, count: compareRecords(1000), valueBytes: 1000, config: { "batch.size": 16384 } });
  });

  test("P-PARTITION: the summary sentence names each partitioner with its numbers", () => {
    const text = describeComparison(rows, knobs);
    expect(text.startsWith("Keyless records at 1000 per second with linger.ms=20:")).toBe(true);
    const rr = row("round-robin");
    expect(text).toContain(`RoundRobinPartitioner: ${rr.batches} batches in ${rr.requests} requests, records per batch ${Math.round(rr.recordsPerBatch * 10) / 10}`);
  });

  test("P-PARTITION: a bad knob is refused naming the field, the value and what is allowed", () => {
    expect(() => compareScenario("built-in", { lingerMs: 101, recordsPerSecond: 1000 })).toThrow("linger.ms: 101 is not allowed; use a whole number of ms from 0 to 100.");
    expect(() => compareScenario("built-in", { lingerMs: 5, recordsPerSecond: 300 })).toThrow("Records per second: 300 is not allowed; choose one of 50, 100, 200, 500, 1000.");
  });
});

describe("producer figures: batching and latency folded from a trace", () => {
  test("P-ACCUM: percentile is nearest-rank", () => {
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
  });

  test("P-ACCUM: the figures agree with the run's own counts", () => {
    const result = runScenario(compareScenario("built-in", { lingerMs: 5, recordsPerSecond: 500 }));
    const figures = producerFigures(result.trace);
    expect(figures.acked).toBe(result.stats.recordsAcked);
    expect(figures.recordsPerBatch * result.trace.filter((e) => e.type === "producer.batch" && e.state === "acknowledged").length).toBeCloseTo(figures.acked);
    expect(figures.ackedPerSecond).toBeGreaterThan(0);
    expect(producerFigures(result.trace, "someone-else").acked).toBe(0);
  });

  test("P-ACCUM: a window counts only the requests sent in it and the records whose send() was in it", () => {
    const result = runScenario(compareScenario("round-robin", { lingerMs: 5, recordsPerSecond: 500 }));
    const whole = producerFigures(result.trace);
    const window = producerFigures(result.trace, "producer-0", { fromMs: COMPARE_FROM_MS, toMs: COMPARE_TO_MS });
    const sent = result.trace.filter((e) => e.type === "producer.request" && e.phase === "sent");
    expect(window.requests).toBe(sent.filter((e) => e.t >= COMPARE_FROM_MS && e.t < COMPARE_TO_MS).length);
    expect(window.requests).toBeLessThan(whole.requests);
    expect(window.ackedInWindow).toBe(150);
    expect(whole.ackedInWindow).toBe(whole.acked);
    expect(window.requestsPerSecond).toBeCloseTo((window.requests * 1000) / (COMPARE_TO_MS - COMPARE_FROM_MS));
  });
});
