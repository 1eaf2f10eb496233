import { describe, expect, test } from "vitest";
import { runScenario, type ScenarioInput } from "../../../engine/index";
import { presets } from "../../../widgets/commit-timing/presets";
import { checkGoal } from "../../../widgets/exercises/goals";

/** A copy of a lab preset with the consumer's configs changed, as the reader would with the knobs. */
function withConsumer(scenario: ScenarioInput, config: Record<string, string | number>, commit?: string): ScenarioInput {
  const copy = JSON.parse(JSON.stringify(scenario)) as ScenarioInput & { workload: Record<string, unknown>[] };
  const consumer = copy.workload.find((w) => w.type === "consumer") as { config: Record<string, unknown>; commit: string };
  Object.assign(consumer.config, config);
  if (commit) consumer.commit = commit;
  return copy;
}

describe("consumers.lose-a-record (G-COMMIT: at most once)", () => {
  test("the commit-after preset fails: the mid-batch crash only repeats records", () => {
    const outcome = checkGoal("consumers.lose-a-record", runScenario(presets["commit-after"].scenario));
    expect(outcome).toMatchObject({ passed: false, message: expect.stringMatching(/Commit before processing instead/) });
  });

  test("committing before processing (the commit-before preset) loses the unfinished records and passes", () => {
    const outcome = checkGoal("consumers.lose-a-record", runScenario(presets["commit-before"].scenario));
    expect(outcome.passed).toBe(true);
    expect(outcome.message).toMatch(/2 record\(s\) were never processed.*committed offset 14 .* before processing it/);
  });

  test("a run without a crash is told to crash the consumer", () => {
    expect(checkGoal("consumers.lose-a-record", runScenario(presets["new-group"].scenario)).message).toMatch(/never crashed/);
  });
});

describe("consumers.at-most-one-duplicate (G-COMMIT: the size of a batch bounds the repeats)", () => {
  test("the commit-after preset fails: two records of the crashed batch are processed twice", () => {
    const outcome = checkGoal("consumers.at-most-one-duplicate", runScenario(presets["commit-after"].scenario));
    expect(outcome).toMatchObject({ passed: false, message: expect.stringMatching(/^2 records were processed twice; at most 1/) });
  });

  test("commit-before fails too: it trades the duplicates for lost records", () => {
    expect(checkGoal("consumers.at-most-one-duplicate", runScenario(presets["commit-before"].scenario)).message).toMatch(/never processed, so this is not allowed/);
  });

  test("commit after processing with max.poll.records=2 passes: a mid-batch crash repeats at most one record", () => {
    const outcome = checkGoal("consumers.at-most-one-duplicate", runScenario(withConsumer(presets["commit-after"].scenario, { "max.poll.records": 2 })));
    expect(outcome).toMatchObject({ passed: true, message: expect.stringMatching(/lost nothing, and processed [01] record\(s\) twice; 30 records were processed in all/) });
  });
});

describe("consumers.only-new-records and consumers.read-everything-retained (G-RESET)", () => {
  const newGroup = presets["new-group"].scenario;

  test("the new-group preset (auto.offset.reset=none) fails both: poll() throws NoOffsetForPartitionException", () => {
    const result = runScenario(newGroup);
    expect(checkGoal("consumers.only-new-records", result).message).toMatch(/NoOffsetForPartitionException/);
    expect(checkGoal("consumers.read-everything-retained", result).message).toMatch(/NoOffsetForPartitionException/);
  });

  test("latest passes only-new-records (it skips the 14 records already written) and fails read-everything-retained", () => {
    const result = runScenario(withConsumer(newGroup, { "auto.offset.reset": "latest" }));
    expect(checkGoal("consumers.only-new-records", result)).toMatchObject({ passed: true, message: expect.stringMatching(/started at offset 14 .* skipped the 14 records already there and processed all 16/) });
    expect(checkGoal("consumers.read-everything-retained", result)).toMatchObject({ passed: false, message: expect.stringMatching(/started at offset 14 \(latest\)/) });
  });

  test("earliest passes read-everything-retained (all 30 records) and fails only-new-records", () => {
    const result = runScenario(withConsumer(newGroup, { "auto.offset.reset": "earliest" }));
    expect(checkGoal("consumers.read-everything-retained", result)).toMatchObject({ passed: true, message: expect.stringMatching(/processed all 30 records/) });
    expect(checkGoal("consumers.only-new-records", result)).toMatchObject({ passed: false, message: expect.stringMatching(/started at offset 0/) });
  });
});

describe("consumers.replay-from-offset (G-SEEK: seek moves the position back)", () => {
  const newGroup = presets["new-group"].scenario;
  /** The new-group lab as the reader leaves it: auto.offset.reset set, and the lab's seek buttons pressed at the given times. */
  function withSeeks(reset: string, seeks: { atMs: number; to: unknown }[]): ScenarioInput {
    const copy = withConsumer(newGroup, { "auto.offset.reset": reset });
    const faults = [...(copy.faults ?? []), ...seeks.map((s) => ({ type: "consumer-seek", atMs: s.atMs, client: "consumer-0", topic: "orders", partition: 0, to: s.to }))];
    return { ...copy, faults } as ScenarioInput;
  }
  const check = (scenario: ScenarioInput) => checkGoal("consumers.replay-from-offset", runScenario(scenario));

  test("the new-group preset fails: poll() throws NoOffsetForPartitionException, nothing is read at all", () => {
    expect(check(newGroup)).toMatchObject({ passed: false, message: expect.stringMatching(/NoOffsetForPartitionException/) });
  });

  test("earliest without a seek fails: nothing is processed a second time", () => {
    expect(check(withSeeks("earliest", []))).toMatchObject({ passed: false, message: expect.stringMatching(/^No record was processed a second time/) });
  });

  test("earliest, then Seek to offset 10 at 6 s passes: the second pass starts at offset 10, and the explanation names the seek", () => {
    const outcome = check(withSeeks("earliest", [{ atMs: 6_000, to: { offset: 10 } }]));
    expect(outcome.passed).toBe(true);
    expect(outcome.message).toMatch(/^Offsets 10–\d+ \(\d+ records\) were processed a second time, and nothing before 10\. For example: .*moved its position back from \d+ to offset 10 .*seek\(orders-0, 10\)/);
  });

  test("Seek to beginning goes back too far and fails", () => {
    expect(check(withSeeks("earliest", [{ atMs: 6_000, to: "beginning" }]))).toMatchObject({ passed: false, message: expect.stringMatching(/^Offset 0, before offset 10, was processed twice too/) });
  });

  test("latest, then Seek to offset 10 fails: records 10–13 were never read before, so the second pass starts at 14", () => {
    expect(check(withSeeks("latest", [{ atMs: 6_000, to: { offset: 10 } }]))).toMatchObject({ passed: false, message: expect.stringMatching(/^The second pass starts at offset 14, not 10: record 10 was processed 1 time/) });
  });

  test("seeking to offset 10 before the consumer has processed it replays nothing and fails", () => {
    // At 2.3 s the consumer is still working through offsets 5–9: by the next turn of its loop its position is already 10.
    expect(check(withSeeks("earliest", [{ atMs: 2_300, to: { offset: 10 } }]))).toMatchObject({ passed: false, message: expect.stringMatching(/^No record was processed a second time/) });
  });
});
