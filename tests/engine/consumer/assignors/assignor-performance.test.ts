import { describe, expect, it } from "vitest";
import {
  cooperativeStickyAssignor,
  rangeAssignor,
  roundRobinAssignor,
  stickyAssignor,
  type Subscription,
} from "../../../../engine/consumer/assignors/index.js";

// The bench measures the real figures (a few milliseconds each); this only catches a blow-up,
// with a bound loose enough for a busy CI machine.
const BUDGET_MS = 250;

describe.each([rangeAssignor, roundRobinAssignor, stickyAssignor, cooperativeStickyAssignor].map((a) => [a.name, a] as const))(
  "G-ASSIGN: %s assignor speed",
  (_name, assignor) => {
    it("G-ASSIGN: a rebalance of 100 consumers over 1,000 partitions takes milliseconds", () => {
      const partitionsPerTopic: Record<string, number> = {};
      for (let t = 0; t < 10; t++) partitionsPerTopic[`topic-${t}`] = 100;
      const topics = Object.keys(partitionsPerTopic);
      const uniform: Record<string, Subscription> = {};
      const mixed: Record<string, Subscription> = {};
      for (let c = 0; c < 100; c++) {
        uniform[`consumer-${c}`] = { topics };
        mixed[`consumer-${c}`] = { topics: topics.filter((_, i) => (i + c) % 3 !== 0) };
      }
      const started = performance.now();
      const first = assignor.assign(partitionsPerTopic, uniform);
      const rejoin: Record<string, Subscription> = {};
      for (let c = 1; c < 100; c++) rejoin[`consumer-${c}`] = { topics, ownedPartitions: first[`consumer-${c}`], generationId: 1 };
      rejoin.newcomer = { topics };
      assignor.assign(partitionsPerTopic, rejoin);
      assignor.assign(partitionsPerTopic, mixed);
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
    });
  },
);
