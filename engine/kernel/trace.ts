/**
 * The trace: every state change of a run is one typed event appended to one log.
 * Widgets, checkers and statistics are folds over it; nothing else is their source.
 * Events are plain JSON data, so a trace serializes byte-for-byte the same for the same
 * scenario and seed.
 */

export type BrokerId = number;

interface At {
  /** Simulated time in milliseconds. */
  t: number;
}

interface OnPartition {
  topic: string;
  partition: number;
}

export type TraceEvent =
  // Brokers and faults
  | (At & { type: "broker.started"; broker: BrokerId })
  | (At & { type: "broker.crashed"; broker: BrokerId })
  | (At & { type: "network.cut"; a: string[]; b: string[] })
  | (At & { type: "network.healed" })
  | (At & { type: "network.slowed"; node: string; extraLatencyMs: number })
  | (At & { type: "network.responses-dropped"; node: string; ratio: number })
  | (At & { type: "network.dropped"; from: string; to: string; kind: string; reason: string })
  | (At & { type: "fault.skipped"; fault: string; reason: string })
  | (At & { type: "topic.config-changed"; topic: string; config: Record<string, string | number | boolean | null> })
  | (At & { type: "client.config-changed"; client: string; key: string; value: string })
  // Coordination service (ZooKeeper mode)
  | (At & { type: "zk.session.created"; broker: BrokerId; session: number; timeoutMs: number })
  | (At & { type: "zk.session.expired"; broker: BrokerId; session: number })
  | (At & { type: "zk.node.created"; path: string; ephemeralOwner: BrokerId | null; data: string })
  | (At & { type: "zk.node.deleted"; path: string; why: "session-expired" | "deleted" })
  | (At & { type: "zk.node.changed"; path: string; data: string })
  | (At & { type: "zk.watch.set"; broker: BrokerId; path: string })
  | (At & { type: "zk.watch.fired"; broker: BrokerId; path: string; event: "created" | "deleted" | "changed" | "children" })
  // Controller election and metadata
  | (At & { type: "controller.state"; broker: BrokerId; state: string })
  | (At & { type: "controller.attempt"; broker: BrokerId })
  | (At & { type: "controller.lost-race"; broker: BrokerId; winner: BrokerId | null })
  | (At & { type: "controller.elected"; broker: BrokerId; epoch: number })
  | (At & { type: "controller.resigned"; broker: BrokerId; epoch: number })
  | (At & { type: "controller.broker-change"; controller: BrokerId; live: BrokerId[]; dead: BrokerId[]; born: BrokerId[] })
  | (At & { type: "metadata.updated"; broker: BrokerId; controller: BrokerId; controllerEpoch: number })
  | (At & { type: "request.rejected"; broker: BrokerId; request: string; error: string; detail: string })
  // Admin
  | (At & { type: "topic.created"; topic: string; partitions: number; replicationFactor: number; assignment: BrokerId[][] })
  | (At & { type: "topic.deleted"; topic: string })
  | (At & { type: "topic.partitions-added"; topic: string; from: number; to: number; assignment: BrokerId[][] })
  | (At & { type: "admin.error"; op: string; topic: string; error: string; message: string })
  // Partitions and replicas
  | (At &
      OnPartition & {
        type: "partition.leader";
        leader: BrokerId | null;
        leaderEpoch: number;
        isr: BrokerId[];
        replicas: BrokerId[];
        election: "initial" | "clean" | "unclean" | "none" | "isr-change" | "reassign";
      })
  | (At & OnPartition & { type: "partition.isr"; leader: BrokerId; isr: BrokerId[]; change: "shrink" | "expand"; replica: BrokerId; reason: string })
  | (At & OnPartition & { type: "replica.role"; broker: BrokerId; role: "leader" | "follower" | "offline"; leaderEpoch: number })
  | (At & OnPartition & { type: "replica.append"; broker: BrokerId; baseOffset: number; lastOffset: number; leo: number; ids: string[] })
  | (At & OnPartition & { type: "replica.truncate"; broker: BrokerId; fromLeo: number; toOffset: number; lostIds: string[]; reason: string })
  | (At & OnPartition & { type: "replica.hw"; broker: BrokerId; hw: number })
  | (At & OnPartition & { type: "replica.fetch"; broker: BrokerId; leader: BrokerId; fetchOffset: number })
  | (At & OnPartition & { type: "log.rolled"; broker: BrokerId; baseOffset: number; file: string })
  | (At & OnPartition & { type: "log.segment-deleted"; broker: BrokerId; baseOffset: number; file: string; reason: string; logStartOffset: number })
  // Idempotence (broker side)
  /** The leader recognised a retried batch it had already written: not appended again; answered with the original baseOffset. */
  | (At & OnPartition & { type: "produce.duplicate"; broker: BrokerId; producerId: number; producerEpoch: number; firstSeq: number; lastSeq: number; baseOffset: number })
  /** The leader refused a batch: a sequence gap (OUT_OF_ORDER_SEQUENCE_NUMBER) or a fenced epoch (INVALID_PRODUCER_EPOCH); expectedSeq is -1 when any sequence would do. */
  | (At & OnPartition & { type: "produce.rejected-sequence"; broker: BrokerId; producerId: number; producerEpoch: number; firstSeq: number; expectedSeq: number; error: string })
  | (At & { type: "producer.id-allocated"; broker: BrokerId; producerId: number; producerEpoch: number })
  /** A broker claimed a block of producer ids in /latest_producer_id_block. */
  | (At & { type: "producer.id-block"; broker: BrokerId; firstProducerId: number; lastProducerId: number })
  // Clients
  | (At & OnPartition & { type: "produce.sent"; client: string; count: number; ids: string[]; acks: string; to: BrokerId })
  | (At &
      OnPartition & {
        type: "produce.acked";
        client: string;
        count: number;
        ids: string[];
        baseOffset: number;
        acks: string;
        from: BrokerId | null;
        /** Per record, in send order: ack time - send() time (KafkaProducer only; empty at "summary"). */
        latencyMs?: number[];
      })
  | (At & OnPartition & { type: "produce.failed"; client: string; count: number; ids: string[]; error: string; detail: string })
  | (At & OnPartition & { type: "consume.read"; client: string; fromOffset: number; toOffset: number; hw: number; ids: string[]; from: BrokerId })
  | (At & { type: "client.metadata"; client: string; from: BrokerId; leaders: Record<string, BrokerId | null> })
  // The producer client (engine/producer): each stage named after Kafka's method.
  | (At & { type: "producer.created"; client: string; config: Record<string, string | number | boolean | null> })
  | (At & {
      type: "producer.record";
      client: string;
      id: string;
      /** send, then (Kafka's order) interceptor, wait-metadata, serialize, partition, append; blocked while waiting for buffer memory; error when the send fails. */
      stage: ProducerRecordStage;
      topic: string;
      /** -1 until the partition is known. */
      partition: number;
      key: string | null;
      bytes?: number;
      detail: string;
    })
  | (At &
      OnPartition & {
        type: "producer.batch";
        client: string;
        /** Stable id, "<client>/<topic>-<partition>/<n>". */
        batch: string;
        state: "open" | "ready" | "in-flight" | "retry-backoff" | "acknowledged" | "failed" | "expired";
        count: number;
        bytes: number;
        attempt: number;
        reason: string;
        /** -1 without idempotence (or before the batch is drained). */
        baseSequence: number;
      })
  | (At & { type: "producer.buffer"; client: string; usedBytes: number; availableBytes: number; totalBytes: number; waiting: number })
  | (At & {
      type: "producer.request";
      client: string;
      request: number;
      to: BrokerId;
      phase: "sent" | "completed" | "timed-out" | "failed";
      batches: string[];
      /** Requests to this broker still unanswered after this event. */
      inFlight: number;
      error?: string;
    })
  /** A producer id and epoch: from InitProducerId (`from` the broker), or a local epoch bump (KIP-360, `from` null). */
  | (At & { type: "producer.init-id"; client: string; producerId: number; producerEpoch: number; from: BrokerId | null });

/** The stages of KafkaProducer.send a record goes through (producer.record events). */
export type ProducerRecordStage = "send" | "interceptor" | "wait-metadata" | "serialize" | "partition" | "append" | "blocked" | "error";

export type TraceEventType = TraceEvent["type"];

/** The event with the given type, for folds that narrow on `type`. */
export type TraceEventOf<K extends TraceEventType> = Extract<TraceEvent, { type: K }>;

/**
 * Verbosity: "full" keeps every event; "summary" drops per-message noise and per-record ids
 * (events still carry counts) for fast sweeps and benchmarks.
 */
export type TraceLevel = "full" | "summary";

const noisyTypes: ReadonlySet<TraceEventType> = new Set(["replica.fetch", "network.dropped", "zk.watch.set"]);

/** The append-only trace of one run. */
export class Trace {
  readonly events: TraceEvent[] = [];

  constructor(readonly level: TraceLevel = "full") {}

  /** Appends an event; the time must never go backwards. */
  emit(event: TraceEvent): void {
    if (this.level === "summary" && noisyTypes.has(event.type)) return;
    this.events.push(event);
  }
}
