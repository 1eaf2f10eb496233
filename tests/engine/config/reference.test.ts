import { describe, expect, it } from "vitest";
import { configReference, configs, type ConfigReferenceRow } from "../../../engine/config/index.js";

function row(rows: readonly ConfigReferenceRow[], name: string): ConfigReferenceRow {
  const found = rows.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no reference row for ${name}`);
  return found;
}

describe("the site's config reference tables", () => {
  it("has one row per config, in table order", () => {
    expect(configReference("producer").map((r) => r.name)).toEqual(Object.keys(configs.producer));
    expect(configReference("broker")).toHaveLength(Object.keys(configs.broker).length);
  });

  it("formats defaults for people: sizes in KiB/MiB/GiB, times with a rounder unit", () => {
    const producer = configReference("producer");
    expect(row(producer, "batch.size").default).toBe("16384 (16 KiB)");
    expect(row(producer, "buffer.memory").default).toBe("33554432 (32 MiB)");
    expect(row(producer, "linger.ms").default).toBe("5 ms");
    expect(row(producer, "delivery.timeout.ms").default).toBe("120000 ms (2 minutes)");
    expect(row(producer, "retries").default).toBe("2147483647 (Integer.MAX_VALUE)");
    expect(row(producer, "acks").default).toBe("all");
    expect(row(producer, "enable.idempotence").default).toBe("true");
    expect(row(producer, "client.id").default).toBe('""');
    expect(row(producer, "interceptor.classes").default).toBe("(empty list)");
    expect(row(producer, "transactional.id").default).toBe("null");

    const broker = configReference("broker");
    expect(row(broker, "log.segment.bytes").default).toBe("1073741824 (1 GiB)");
    expect(row(broker, "message.max.bytes").default).toBe("1048588 bytes");
    expect(row(broker, "log.retention.hours").default).toBe("168 hours (7 days)");
    expect(row(broker, "offsets.retention.minutes").default).toBe("10080 minutes (7 days)");
    expect(row(broker, "leader.imbalance.check.interval.seconds").default).toBe("300 s (5 minutes)");
    expect(row(broker, "log.retention.bytes").default).toBe("-1");
    expect(row(configReference("consumer"), "max.poll.records").default).toBe("500 records");
  });

  it("states what is allowed in the same words the errors use", () => {
    expect(row(configReference("producer"), "acks").allowed).toBe("one of: all, -1, 0, 1 (-1 means all)");
    expect(row(configReference("producer"), "batch.size").allowed).toBe("a 32-bit integer of at least 0 (bytes)");
    expect(row(configReference("topic"), "cleanup.policy").allowed).toBe("a comma-separated list of distinct values from: compact, delete");
    expect(row(configReference("consumer"), "group.id").allowed).toBe("any string, or null (unset)");
  });

  it("carries version notes and, for topic configs, the broker config behind the default", () => {
    expect(row(configReference("producer"), "linger.ms").notes).toContain("Kafka 4.0");
    expect(row(configReference("producer"), "retry.backoff.max.ms").notes).toMatch(/^Since Kafka 3\.7\./);
    expect(row(configReference("topic"), "retention.ms").notes).toContain(
      "the broker's log.retention.ms, then log.retention.minutes, then log.retention.hours supplies it",
    );
  });
});
