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
      /**
       * Bytes, on two stages only. serialize: the serialized key plus value (a null one counts
       * 0; headers not included). append: what the record added to its batch, its v2 size
       * (DefaultRecord.sizeInBytes, with its length varint) plus the 61-byte batch header when
       * it opened a new batch, so the appends of a batch add up to its producer.batch `bytes`.
       * Absent on the other stages.
       */
      bytes?: number;
      /** append only: the id of the batch the record went into (the same id as in producer.batch). */
      batch?: string;
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
        /** The batch's size as Kafka would write it (v2, uncompressed): the 61-byte header plus its records; the broker stores exactly this many bytes. */
        bytes: number;
        /**
         * Which send this is: the number of produce requests that have carried the batch,
         * counting the one in flight. 0 before its first drain (open, ready); 1 from its first
         * in-flight on, through acknowledged; a retry's retry-backoff keeps the number of the
         * send that failed, and its next in-flight counts one more. Kafka's
         * ProducerBatch.attempts() counts re-sends instead: it is attempt - 1 while in flight.
         */
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
  | (At & { type: "producer.init-id"; client: string; producerId: number; producerEpoch: number; from: BrokerId | null })
  // Groups (broker side): the classic group coordinator (engine/cluster/group).
  /** A group's state changed on its coordinator (Kafka's ClassicGroupState); `from` "Dead" for a group just created or loaded. */
  | (At & { type: "group.state"; group: string; coordinator: BrokerId; from: string; to: string; generation: number; reason: string })
  | (At & { type: "group.member"; group: string; member: string; change: "joined" | "left" | "expired" | "fenced"; reason: string })
  /** The join phase completed: a new generation, its assignor, its leader and its members. */
  | (At & { type: "group.rebalance"; group: string; generation: number; protocol: string; leader: string; members: string[] })
  /** The leader's assignment was stored: "topic-partition" per member id. */
  | (At & { type: "group.assignment"; group: string; generation: number; assignment: Record<string, string[]> })
  /** An offset commit completed (result "NONE" or the error); `offset` is the next offset to read. */
  | (At & OnPartition & { type: "offset.commit"; group: string; offset: number; member: string; result: string })
  /** A broker became the group's coordinator (it leads the group's __consumer_offsets partition now); `from` null when unknown. */
  | (At & { type: "coordinator.moved"; group: string; from: BrokerId | null; to: BrokerId })
  // Share groups (KIP-932, engine/cluster/share and engine/consumer/share). `offsets` and `ids`
  // list every record only at trace level "full" (empty at "summary"); `count` is always there.
  /** The share-partition leader locked records to a member; deliveryCount is how often they have now been delivered. */
  | (At & OnPartition & { type: "share.acquired"; group: string; broker: BrokerId; member: string; firstOffset: number; lastOffset: number; deliveryCount: number; count: number; offsets: number[]; ids: string[] })
  /** A member settled records it held: ACCEPT, RELEASE (available again) or REJECT (archived). */
  | (At & OnPartition & { type: "share.acknowledged"; group: string; broker: BrokerId; member: string; ackType: "ACCEPT" | "RELEASE" | "REJECT" | "GAP"; count: number; offsets: number[] })
  /** Acquisition locks ran out (group.share.record.lock.duration.ms): the records are offered again. */
  | (At & OnPartition & { type: "share.lock-expired"; group: string; broker: BrokerId; member: string; count: number; offsets: number[] })
  /** Records that will never be delivered again: rejected, at the delivery count limit, or below a moved log start. */
  | (At & OnPartition & { type: "share.archived"; group: string; broker: BrokerId; reason: "rejected" | "delivery-count-limit" | "log-start-moved"; count: number; offsets: number[] })
  /** The share-partition start offset (SPSO) moved past settled records. */
  | (At & OnPartition & { type: "share.start-offset"; group: string; broker: BrokerId; startOffset: number; endOffset: number })
  | (At & { type: "share.member"; group: string; coordinator: BrokerId; member: string; change: "joined" | "left" | "expired"; memberEpoch: number; groupEpoch: number })
  /** The coordinator's target assignment (SimpleAssignor) for a new group epoch, "topic-partition" per member. */
  | (At & { type: "share.assignment"; group: string; coordinator: BrokerId; groupEpoch: number; assignment: Record<string, string[]> })
  /** A share consumer's poll() returned records (ids of the records at "full"). */
  | (At & { type: "share.poll"; client: string; group: string; member: string; count: number; ids: string[] })
  | (At & { type: "share.client"; client: string; group: string; member: string; change: "subscribed" | "crashed" | "closed" })
  // Consumers (engine/consumer): the member side of the classic group protocol and the
  // application's poll loop. `group` is "" without a group.id. Per-record `ids` and the
  // consumer.process events exist only at trace level "full".
  /** The member machine moved between Kafka's MemberState values (plus CLOSED). */
  | (At & { type: "consumer.state"; client: string; group: string; from: string; to: string; generation: number; member: string })
  | (At & { type: "consumer.coordinator"; client: string; group: string; coordinator: BrokerId | null; reason: string })
  /** A JoinGroup response: this member's generation, and who leads it. */
  | (At & { type: "consumer.join"; client: string; group: string; generation: number; member: string; leader: string; protocol: string })
  /** onJoinComplete: the whole assignment now owned, and the partitions newly added ("topic-partition"). */
  | (At & { type: "consumer.assigned"; client: string; group: string; generation: number; partitions: string[]; added: string[] })
  | (At & { type: "consumer.revoked"; client: string; group: string; generation: number; partitions: string[]; reason: string })
  | (At & { type: "consumer.lost"; client: string; group: string; generation: number; partitions: string[]; reason: string })
  /** poll() returned records; `ranges` gives the offsets per partition. */
  | (At & { type: "consumer.poll"; client: string; group: string; count: number; ids: string[]; ranges: { topic: string; partition: number; fromOffset: number; toOffset: number }[] })
  /** The application finished processing one record (worker 0 unless a worker pool). */
  | (At & OnPartition & { type: "consumer.process"; client: string; group: string; id: string; offset: number; worker: number })
  /** A commit completed; `offsets` are the next offsets to read by "topic-partition"; result "NONE" or the exception. */
  | (At & { type: "consumer.commit"; client: string; group: string; kind: "sync" | "async" | "auto"; offsets: Record<string, number>; result: string; detail: string })
  /** The consumer's process died at a step of its poll loop; `committed` is what it had committed. */
  | (At & { type: "consumer.crash"; client: string; group: string; step: string; committed: Record<string, number> })
  | (At & { type: "consumer.started"; client: string; group: string; reason: "start" | "restart" | "join" })
  | (At & { type: "consumer.closed"; client: string; group: string; reason: string })
  /** The poll loop blocks for this long (a slow record, a GC pause). */
  | (At & { type: "consumer.stall"; client: string; group: string; durationMs: number })
  /** The member sent LeaveGroup (close, or the poll timeout fired). */
  | (At & { type: "consumer.leave"; client: string; group: string; member: string; reason: string })
  | (At & OnPartition & { type: "consumer.seek"; client: string; group: string; offset: number; reason: string })
  /** auto.offset.reset applied: from the old position (null: none) to `offset`. */
  | (At & OnPartition & { type: "consumer.reset"; client: string; group: string; policy: string; fromOffset: number | null; offset: number; reason: string })
  | (At & { type: "consumer.error"; client: string; group: string; exception: string; message: string });

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
