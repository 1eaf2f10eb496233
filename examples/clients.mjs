// Run with: node examples/clients.mjs   (after npm install, which builds the engine)
import { Cluster, KafkaConsumer, KafkaProducer } from "kafka-lab/engine";

// Script the clients yourself: a cluster, a producer and a consumer group, on simulated time.
const cluster = new Cluster({ seed: 7, brokers: 3, brokerConfig: { "offsets.topic.num.partitions": 3 } });
cluster.seedTopic({ name: "orders", partitions: 3, replicationFactor: 3 });
cluster.start();
cluster.runUntil(1_000); // the controller is elected and every partition has a leader

const producer = new KafkaProducer(cluster, "checkout", { "linger.ms": 5 });
for (const customer of ["alice", "bob", "carol", "alice"]) {
  producer.send({ topic: "orders", key: customer, value: `order from ${customer}` }, (metadata, error) => {
    if (error) console.log(`failed: ${error.message}`);
    else console.log(`${customer} -> ${metadata.topic}-${metadata.partition} at offset ${metadata.offset}`);
  });
}
const sync = producer.sendSync({ topic: "orders", key: "dave", value: "a synchronous send" });
console.log(`dave -> orders-${sync.partition} at offset ${sync.offset} (sync: the call returned after the ack)`);

const consumer = new KafkaConsumer(cluster, { client: "billing", config: { "group.id": "billing", "auto.offset.reset": "earliest" } });
consumer.subscribe(["orders"]);
let read = 0;
while (read < 5) {
  const poll = consumer.poll(1_000);
  cluster.sim.runUntilDone(() => poll.isDone(), 30_000);
  for (const record of poll.get()) {
    read++;
    console.log(`billing read ${record.key} at ${record.topic}-${record.partition}@${record.offset}`);
  }
}
