import { Cluster } from "../../../engine/cluster/cluster.js";
import { KafkaConsumer, type KafkaConsumerOptions } from "../../../engine/consumer/kafka-consumer.js";
import { ProduceWorkload } from "../../../engine/workload/produce-workload.js";

/** A started three-broker cluster with `count` records produced to each partition of "orders" by t=2000 ms. */
export function clusterWithRecords(count: number, partitions = 1, brokerConfig: Record<string, unknown> = {}, topicConfig: Record<string, unknown> = {}, recordsPerRequest = count): Cluster {
  const cluster = new Cluster({ seed: 7, brokers: 3, brokerConfig: { "zookeeper.session.timeout.ms": 6_000, ...brokerConfig } });
  cluster.seedTopic({ name: "orders", partitions, replicationFactor: 3, config: topicConfig });
  for (let p = 0; p < partitions; p++) {
    new ProduceWorkload(cluster, {
      client: `producer-${p}`,
      topic: "orders",
      partition: p,
      startMs: 500,
      count,
      intervalMs: 1,
      recordsPerRequest: Math.max(1, recordsPerRequest),
      valueBytes: 10,
      acks: "all",
      requestTimeoutMs: 30_000,
    }).start();
  }
  cluster.start();
  cluster.runUntil(2_000);
  return cluster;
}

export function consumer(cluster: Cluster, client: string, config: Record<string, unknown> = {}, extra: Partial<KafkaConsumerOptions<string | null, string | null>> = {}): KafkaConsumer {
  return new KafkaConsumer(cluster, { client, config, ...extra });
}

/** Runs the simulation until the future is done (or `maxMs` more have passed) and returns its value. */
export function await_<T>(cluster: Cluster, future: { isDone(): boolean; get(): T }, maxMs = 60_000): T {
  const end = cluster.sim.nowMs + maxMs;
  while (!future.isDone() && cluster.sim.nowMs < end) cluster.runUntil(Math.min(end, cluster.sim.nowMs + 10));
  return future.get();
}

export const tp = (partition: number, topic = "orders") => ({ topic, partition });

/** The application's poll loop: poll(pollMs), then poll again at once, until stopped. */
export function pollForever(cluster: Cluster, c: KafkaConsumer, pollMs = 100): { stop(): void } {
  let stopped = false;
  const again = (): void => {
    if (stopped || !c.isAlive) return;
    c.poll(pollMs).onComplete(() => cluster.sim.schedule(0, again));
  };
  again();
  return { stop: () => void (stopped = true) };
}

export const names = (tps: readonly { topic: string; partition: number }[]) => tps.map((t) => `${t.topic}-${t.partition}`).sort();
