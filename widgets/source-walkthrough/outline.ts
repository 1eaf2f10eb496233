/**
 * The code path of KafkaProducer.send() and of the sender loop, as a short outline of Kafka's
 * real Java (and of the broker's Scala for the request's other end), simplified from Kafka 4.x
 * (apache/kafka, clients/src/main/java/org/apache/kafka/clients/...). It is an outline written
 * for reading, not a copy: each method keeps its real name, its real calls and the lines that
 * matter for one record's journey; logging, metrics, transactions and error plumbing are left
 * out and marked "...".
 *
 * Each block is one method; each step is a run of its lines with an id. The Astro wrapper
 * highlights the blocks with Shiki at build time and wraps each step's lines in one element
 * (data-step, data-lines); the element only moves a marker between steps.
 */

/** The steps, in the order the code path reaches them for one record (see STEP_ORDER). */
export type StepId =
  | "producer.send"
  | "interceptors.onSend"
  | "doSend.waitOnMetadata"
  | "doSend.serialize"
  | "doSend.partition"
  | "doSend.append"
  | "accumulator.append"
  | "accumulator.tryAppend"
  | "accumulator.allocate"
  | "bufferPool.allocate"
  | "bufferPool.wait"
  | "accumulator.newBatch"
  | "doSend.wakeup"
  | "sender.runOnce"
  | "sender.sendProducerData"
  | "accumulator.ready"
  | "inFlightRequests.canSendMore"
  | "accumulator.drain"
  | "sender.sendProduceRequest"
  | "networkClient.doSend"
  | "inFlightRequests.add"
  | "broker.appendRecords"
  | "broker.delayedProduce"
  | "sender.handleProduceResponse"
  | "sender.completeBatch"
  | "sender.reenqueueBatch"
  | "batch.done"
  | "callbacks.onCompletion";

interface Segment {
  /** The step these lines belong to; absent for context lines. */
  step?: StepId;
  lines: readonly string[];
}

export interface OutlineStep {
  id: StepId;
  /** 1-based, inclusive, within the block's code. */
  fromLine: number;
  toLine: number;
}

export interface OutlineBlock {
  /** Anchor id, e.g. "sender-run-once". */
  id: string;
  /** "Sender.runOnce()", as the heading shows it. */
  title: string;
  /** The file in apache/kafka the method lives in. */
  file: string;
  lang: "java" | "scala";
  code: string;
  steps: readonly OutlineStep[];
}

const CLIENTS = "clients/src/main/java/org/apache/kafka/clients";

function block(id: string, title: string, file: string, segments: readonly Segment[], lang: "java" | "scala" = "java"): OutlineBlock {
  const lines: string[] = [];
  const steps: OutlineStep[] = [];
  for (const segment of segments) {
    const fromLine = lines.length + 1;
    lines.push(...segment.lines);
    if (segment.step) steps.push({ id: segment.step, fromLine, toLine: lines.length });
  }
  return { id, title, file, lang, code: lines.join("\n"), steps };
}

export const OUTLINE: readonly OutlineBlock[] = [
  block("kafka-producer-send", "KafkaProducer.send()", `${CLIENTS}/producer/KafkaProducer.java`, [
    {
      step: "producer.send",
      lines: [
        "public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {",
        "    // intercept the record, which can be potentially modified; this method does not throw exceptions",
        "    ProducerRecord<K, V> interceptedRecord = this.interceptors.onSend(record);",
        "    return doSend(interceptedRecord, callback);",
        "}",
      ],
    },
  ]),
  block("producer-interceptors-on-send", "ProducerInterceptors.onSend()", `${CLIENTS}/producer/internals/ProducerInterceptors.java`, [
    {
      step: "interceptors.onSend",
      lines: [
        "public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {",
        "    ProducerRecord<K, V> interceptRecord = record;",
        "    for (ProducerInterceptor<K, V> interceptor : this.interceptors) {",
        "        try {",
        "            interceptRecord = interceptor.onSend(interceptRecord);",
        "        } catch (Exception e) {",
        "            // logged, not propagated: the next interceptor still runs",
        "        }",
        "    }",
        "    return interceptRecord;",
        "}",
      ],
    },
  ]),
  block("kafka-producer-do-send", "KafkaProducer.doSend()", `${CLIENTS}/producer/KafkaProducer.java`, [
    {
      lines: [
        "private Future<RecordMetadata> doSend(ProducerRecord<K, V> record, Callback callback) {",
        "    AppendCallbacks appendCallbacks = new AppendCallbacks(callback, this.interceptors, record);",
      ],
    },
    {
      step: "doSend.waitOnMetadata",
      lines: [
        "    // first make sure the metadata for the topic is available (blocks up to max.block.ms)",
        "    ClusterAndWaitTime clusterAndWaitTime = waitOnMetadata(record.topic(), record.partition(), nowMs, maxBlockTimeMs);",
        "    Cluster cluster = clusterAndWaitTime.cluster;",
      ],
    },
    {
      step: "doSend.serialize",
      lines: [
        "    byte[] serializedKey = keySerializer.serialize(record.topic(), record.headers(), record.key());",
        "    byte[] serializedValue = valueSerializer.serialize(record.topic(), record.headers(), record.value());",
      ],
    },
    {
      step: "doSend.partition",
      lines: [
        "    // may be UNKNOWN_PARTITION: then the accumulator's built-in partitioner picks one",
        "    int partition = partition(record, serializedKey, serializedValue, cluster);",
      ],
    },
    {
      step: "doSend.append",
      lines: [
        "    RecordAccumulator.RecordAppendResult result = accumulator.append(record.topic(), partition, timestamp,",
        "            serializedKey, serializedValue, headers, appendCallbacks, remainingWaitMs, abortOnNewBatch, nowMs, cluster);",
      ],
    },
    {
      step: "doSend.wakeup",
      lines: [
        "    if (result.batchIsFull || result.newBatchCreated)",
        "        this.sender.wakeup();",
        "    return result.future;   // send() returns here; the Sender thread does the rest",
        "}",
      ],
    },
  ]),
  block("record-accumulator-append", "RecordAccumulator.append()", `${CLIENTS}/producer/internals/RecordAccumulator.java`, [
    {
      step: "accumulator.append",
      lines: [
        "public RecordAppendResult append(String topic, int partition, long timestamp, byte[] key, byte[] value,",
        "                                 Header[] headers, AppendCallbacks callbacks, long maxTimeToBlock, ...) {",
        "    Deque<ProducerBatch> dq = topicInfo.batches.computeIfAbsent(effectivePartition, k -> new ArrayDeque<>());",
        "    synchronized (dq) {",
        "        RecordAppendResult appendResult = tryAppend(timestamp, key, value, headers, callbacks, dq, nowMs);",
        "        if (appendResult != null)",
        "            return appendResult;",
        "    }",
      ],
    },
    {
      step: "accumulator.allocate",
      lines: [
        "    // we don't have an in-progress record batch: try to allocate a new batch (this call may block)",
        "    int size = Math.max(this.batchSize, AbstractRecords.estimateSizeInBytesUpperBound(...));",
        "    buffer = free.allocate(size, maxTimeToBlock);",
      ],
    },
    {
      step: "accumulator.newBatch",
      lines: [
        "    synchronized (dq) {",
        "        ProducerBatch batch = new ProducerBatch(new TopicPartition(topic, partition), recordsBuilder(buffer), nowMs);",
        "        FutureRecordMetadata future = batch.tryAppend(timestamp, key, value, headers, callbacks, nowMs);",
        "        dq.addLast(batch);",
        "        incomplete.add(batch);",
        "        return new RecordAppendResult(future, dq.size() > 1 || batch.isFull(), true, false, ...);",
        "    }",
        "}",
      ],
    },
  ]),
  block("record-accumulator-try-append", "RecordAccumulator.tryAppend()", `${CLIENTS}/producer/internals/RecordAccumulator.java`, [
    {
      step: "accumulator.tryAppend",
      lines: [
        "private RecordAppendResult tryAppend(long timestamp, byte[] key, byte[] value, Header[] headers,",
        "                                     Callback callback, Deque<ProducerBatch> deque, long nowMs) {",
        "    ProducerBatch last = deque.peekLast();",
        "    if (last != null) {",
        "        FutureRecordMetadata future = last.tryAppend(timestamp, key, value, headers, callback, nowMs);",
        "        if (future == null)",
        "            last.closeForRecordAppends();   // no room: the caller opens a new batch",
        "        else",
        "            return new RecordAppendResult(future, deque.size() > 1 || last.isFull(), false, false, ...);",
        "    }",
        "    return null;",
        "}",
      ],
    },
  ]),
  block("buffer-pool-allocate", "BufferPool.allocate()", `${CLIENTS}/producer/internals/BufferPool.java`, [
    {
      step: "bufferPool.allocate",
      lines: [
        "public ByteBuffer allocate(int size, long maxTimeToBlockMs) throws InterruptedException {",
        "    this.lock.lock();",
        "    try {",
        "        // check if we have a free buffer of the right size pooled",
        "        if (size == poolableSize && !this.free.isEmpty())",
        "            return this.free.pollFirst();",
        "        int freeListSize = freeSize() * this.poolableSize;",
        "        if (this.nonPooledAvailableMemory + freeListSize >= size) {",
        "            freeUp(size);",
        "            this.nonPooledAvailableMemory -= size;",
      ],
    },
    {
      step: "bufferPool.wait",
      lines: [
        "        } else {",
        "            // we are out of memory (buffer.memory) and will have to block",
        "            Condition moreMemory = this.lock.newCondition();",
        "            this.waiters.addLast(moreMemory);",
        "            while (accumulated < size) {",
        "                // woken when a completed batch gives its buffer back; BufferExhaustedException after max.block.ms",
        "                remainingTimeToBlockNs -= awaitMemory(moreMemory, remainingTimeToBlockNs, ...);",
        "                ...",
        "            }",
        "        }",
      ],
    },
    {
      lines: [
        "    } finally {",
        "        lock.unlock();",
        "    }",
        "    return safeAllocateByteBuffer(size);",
        "}",
      ],
    },
  ]),
  block("sender-run-once", "Sender.runOnce() and sendProducerData()", `${CLIENTS}/producer/internals/Sender.java`, [
    {
      step: "sender.runOnce",
      lines: [
        "// the Sender thread: while (running) runOnce();",
        "void runOnce() {",
        "    long currentTimeMs = time.milliseconds();",
        "    long pollTimeout = sendProducerData(currentTimeMs);",
        "    client.poll(pollTimeout, currentTimeMs);   // network I/O; runs the response handlers",
        "}",
        "",
      ],
    },
    {
      step: "sender.sendProducerData",
      lines: [
        "private long sendProducerData(long now) {",
        "    Cluster cluster = metadata.fetch();",
        "    // get the list of partitions with data ready to send",
        "    RecordAccumulator.ReadyCheckResult result = this.accumulator.ready(cluster, now);",
        "    // remove any nodes we aren't ready to send to (NetworkClient.ready -> canSendMore)",
        "    for (Node node : result.readyNodes) if (!this.client.ready(node, now)) iter.remove();",
        "    // create produce requests",
        "    Map<Integer, List<ProducerBatch>> batches = this.accumulator.drain(cluster, result.readyNodes, this.maxRequestSize, now);",
        "    addToInflightBatches(batches);",
        "    if (guaranteeMessageOrder)   // max.in.flight.requests.per.connection == 1",
        "        for (ProducerBatch batch : drained) this.accumulator.mutePartition(batch.topicPartition);",
        "    sendProduceRequests(batches, now);",
        "    return pollTimeout;   // 0 if a node was ready, else the time until the next linger.ms expiry",
        "}",
      ],
    },
  ]),
  block("record-accumulator-ready", "RecordAccumulator.ready()", `${CLIENTS}/producer/internals/RecordAccumulator.java`, [
    {
      step: "accumulator.ready",
      lines: [
        "public ReadyCheckResult ready(MetadataSnapshot metadataSnapshot, long nowMs) {",
        "    // for each partition: its first batch decides (partitionReady -> batchReady)",
        "    ProducerBatch batch = deque.peekFirst();",
        "    long waitedTimeMs = batch.waitedTimeMs(nowMs);",
        "    boolean backingOff = shouldBackoff(batch.hasLeaderChangedForTheOngoingRetry(), batch, waitedTimeMs);",
        "    boolean full = deque.size() > 1 || batch.isFull();",
        "    long timeToWaitMs = backingOff ? retryBackoff.backoff(batch.attempts() - 1) : lingerMs;",
        "    boolean expired = waitedTimeMs >= timeToWaitMs;",
        "    boolean exhausted = this.free.queued() > 0;   // someone waits in BufferPool.allocate",
        "    boolean sendable = full || expired || exhausted || closed || flushInProgress() || transactionCompleting;",
        "    if (sendable && !backingOff)",
        "        readyNodes.add(leader);",
        "    else",
        "        nextReadyCheckDelayMs = Math.min(Math.max(timeToWaitMs - waitedTimeMs, 0), nextReadyCheckDelayMs);",
        "    return new ReadyCheckResult(readyNodes, nextReadyCheckDelayMs, unknownLeaderTopics);",
        "}",
      ],
    },
  ]),
  block("in-flight-requests", "InFlightRequests.canSendMore() and add()", `${CLIENTS}/InFlightRequests.java`, [
    {
      step: "inFlightRequests.canSendMore",
      lines: [
        "public boolean canSendMore(String node) {",
        "    Deque<NetworkClient.InFlightRequest> queue = requests.get(node);",
        "    return queue == null || queue.isEmpty() ||",
        "           (queue.peekFirst().send.completed() && queue.size() < this.maxInFlightRequestsPerConnection);",
        "}",
        "",
      ],
    },
    {
      step: "inFlightRequests.add",
      lines: [
        "public void add(NetworkClient.InFlightRequest request) {",
        "    String destination = request.destination;",
        "    Deque<NetworkClient.InFlightRequest> reqs = this.requests.computeIfAbsent(destination, k -> new ArrayDeque<>());",
        "    reqs.addFirst(request);",
        "    inFlightRequestCount.incrementAndGet();",
        "}",
      ],
    },
  ]),
  block("record-accumulator-drain", "RecordAccumulator.drain()", `${CLIENTS}/producer/internals/RecordAccumulator.java`, [
    {
      step: "accumulator.drain",
      lines: [
        "public Map<Integer, List<ProducerBatch>> drain(MetadataSnapshot metadataSnapshot, Set<Node> nodes, int maxSize, long now) {",
        "    for (Node node : nodes) {",
        "        // drainBatchesForOneNode: the node's partitions, starting after the last one drained",
        "        for (PartitionInfo part : partitionsLedBy(node)) {",
        "            if (isMuted(tp)) continue;   // a batch of this partition is still in flight",
        "            ProducerBatch first = deque.peekFirst();",
        "            if (first == null || shouldBackoff(..., first, first.waitedTimeMs(now))) continue;",
        "            if (size + first.estimatedSizeInBytes() > maxSize && !ready.isEmpty()) break;",
        "            ProducerBatch batch = deque.pollFirst();",
        "            if (producerIdAndEpoch != null && !batch.hasSequence()) {   // idempotence",
        "                batch.setProducerState(producerIdAndEpoch, transactionManager.sequenceNumber(tp), isTransactional);",
        "                transactionManager.incrementSequenceNumber(tp, batch.recordCount);",
        "            }",
        "            batch.close();",
        "            ready.add(batch);",
        "            batch.drained(now);",
        "        }",
        "        batches.put(node.id(), ready);",
        "    }",
        "    return batches;",
        "}",
      ],
    },
  ]),
  block("sender-send-produce-request", "Sender.sendProduceRequest()", `${CLIENTS}/producer/internals/Sender.java`, [
    {
      step: "sender.sendProduceRequest",
      lines: [
        "// sendProduceRequests: one request per destination node",
        "private void sendProduceRequest(long now, int destination, short acks, int timeout, List<ProducerBatch> batches) {",
        "    for (ProducerBatch batch : batches) {",
        "        produceRecordsByPartition.put(batch.topicPartition, batch.records());",
        "        recordsByPartition.put(batch.topicPartition, batch);",
        "    }",
        "    ProduceRequest.Builder requestBuilder = ProduceRequest.builder(..., acks, timeout, produceRecordsByPartition, ...);",
        "    RequestCompletionHandler callback = response -> handleProduceResponse(response, recordsByPartition, time.milliseconds());",
        "    ClientRequest clientRequest = client.newClientRequest(Integer.toString(destination), requestBuilder, now,",
        "            acks != 0, requestTimeoutMs, callback);",
        "    client.send(clientRequest, now);",
        "}",
      ],
    },
  ]),
  block("network-client-do-send", "NetworkClient.send() and doSend()", `${CLIENTS}/NetworkClient.java`, [
    {
      step: "networkClient.doSend",
      lines: [
        "// send(request, now) -> doSend(request, false, now) -> doSend(clientRequest, isInternalRequest, now, request)",
        "private void doSend(ClientRequest clientRequest, boolean isInternalRequest, long now, AbstractRequest request) {",
        "    RequestHeader header = clientRequest.makeHeader(request.version());",
        "    Send send = request.toSend(header);",
        "    InFlightRequest inFlightRequest = new InFlightRequest(clientRequest, header, isInternalRequest, request, send, now);",
        "    this.inFlightRequests.add(inFlightRequest);",
        "    selector.send(new NetworkSend(clientRequest.destination(), send));",
        "}",
      ],
    },
  ]),
  block(
    "replica-manager-append-records",
    "ReplicaManager.appendRecords() (broker)",
    "core/src/main/scala/kafka/server/ReplicaManager.scala",
    [
      {
        step: "broker.appendRecords",
        lines: [
          "// on the partition leader: KafkaApis.handleProduceRequest -> ReplicaManager.appendRecords",
          "def appendRecords(timeout: Long, requiredAcks: Short, internalTopicsAllowed: Boolean, origin: AppendOrigin,",
          "                  entriesPerPartition: Map[TopicPartition, MemoryRecords],",
          "                  responseCallback: Map[TopicPartition, PartitionResponse] => Unit, ...): Unit = {",
          "  // the leader checks the producer id and sequence, then appends to its own log",
          "  val localProduceResults = appendToLocalLog(internalTopicsAllowed, origin, entriesPerPartition, requiredAcks, ...)",
        ],
      },
      {
        step: "broker.delayedProduce",
        lines: [
          "  if (delayedProduceRequestRequired(requiredAcks, entriesPerPartition, localProduceResults)) {",
          "    // acks=all: wait in the purgatory until the high watermark passes the batch",
          "    val delayedProduce = new DelayedProduce(timeout, produceMetadata, this, responseCallback, delayedProduceLock)",
          "    delayedProducePurgatory.tryCompleteElseWatch(delayedProduce, producerRequestKeys)",
          "  } else {",
          "    responseCallback(produceResponseStatus)   // acks=1: answer now",
          "  }",
          "}",
        ],
      },
    ],
    "scala",
  ),
  block("sender-handle-produce-response", "Sender.handleProduceResponse() and completeBatch()", `${CLIENTS}/producer/internals/Sender.java`, [
    {
      step: "sender.handleProduceResponse",
      lines: [
        "private void handleProduceResponse(ClientResponse response, Map<TopicPartition, ProducerBatch> batches, long now) {",
        "    if (response.wasDisconnected()) {   // also a request that passed request.timeout.ms",
        "        for (ProducerBatch batch : batches.values())",
        "            completeBatch(batch, new ProduceResponse.PartitionResponse(Errors.NETWORK_EXCEPTION), correlationId, now, 0L);",
        "    } else {",
        "        for (Map.Entry<TopicPartition, ProduceResponse.PartitionResponse> entry : produceResponse.responses().entrySet())",
        "            completeBatch(batches.get(entry.getKey()), entry.getValue(), correlationId, now, ...);",
        "    }",
        "}",
        "",
        "private void completeBatch(ProducerBatch batch, ProduceResponse.PartitionResponse response, long correlationId, long now, ...) {",
        "    Errors error = response.error;",
        "    if (error != Errors.NONE) {",
      ],
    },
    {
      step: "sender.reenqueueBatch",
      lines: [
        "        if (canRetry(batch, response, now)) {   // retriable, attempts < retries, delivery.timeout.ms not passed",
        "            reenqueueBatch(batch, now);            // accumulator.reenqueue: back to the front of its deque",
        "        } else {",
        "            failBatch(batch, response, error.exception(), batch.attempts() < this.retries);",
        "        }",
      ],
    },
    {
      step: "sender.completeBatch",
      lines: [
        "    } else {",
        "        completeBatch(batch, response);   // -> batch.complete(response.baseOffset, response.logAppendTime)",
        "    }",
        "    if (guaranteeMessageOrder)",
        "        this.accumulator.unmutePartition(batch.topicPartition);",
        "}",
      ],
    },
  ]),
  block("producer-batch-done", "ProducerBatch.done()", `${CLIENTS}/producer/internals/ProducerBatch.java`, [
    {
      step: "batch.done",
      lines: [
        "private boolean done(long baseOffset, long logAppendTime, RuntimeException topLevelException, ...) {",
        "    final FinalState tryFinalState = (topLevelException == null) ? FinalState.SUCCEEDED : FinalState.FAILED;",
        "    if (this.finalState.compareAndSet(null, tryFinalState)) {",
        "        completeFutureAndFireCallbacks(baseOffset, logAppendTime, recordExceptions);",
        "        return true;",
        "    }",
        "    ...",
        "}",
        "",
        "private void completeFutureAndFireCallbacks(long baseOffset, long logAppendTime, ...) {",
        "    produceFuture.set(baseOffset, logAppendTime, recordExceptions);   // send(...).get() returns now",
        "    // execute callbacks, in the order the records were appended",
        "    for (int i = 0; i < thunks.size(); i++) {",
        "        Thunk thunk = thunks.get(i);",
        "        thunk.callback.onCompletion(thunk.future.value(), null);",
        "    }",
        "    produceFuture.done();",
        "}",
      ],
    },
  ]),
  block("append-callbacks-on-completion", "KafkaProducer.AppendCallbacks.onCompletion()", `${CLIENTS}/producer/KafkaProducer.java`, [
    {
      step: "callbacks.onCompletion",
      lines: [
        "public void onCompletion(RecordMetadata metadata, Exception exception) {",
        "    if (metadata == null)",
        "        metadata = new RecordMetadata(topicPartition(), -1, -1, RecordBatch.NO_TIMESTAMP, -1, -1);",
        "    this.interceptors.onAcknowledgement(metadata, exception);",
        "    if (this.userCallback != null)",
        "        this.userCallback.onCompletion(metadata, exception);   // your callback, on the Sender thread",
        "}",
      ],
    },
  ]),
];

/**
 * The order the code path reaches the steps for one record: a step's trace must never show a
 * later step of the same record or batch before an earlier one. bufferPool.wait and
 * sender.reenqueueBatch are detours taken only sometimes.
 */
export const STEP_ORDER: readonly StepId[] = [
  "producer.send",
  "interceptors.onSend",
  "doSend.waitOnMetadata",
  "doSend.serialize",
  "doSend.partition",
  "doSend.append",
  "accumulator.append",
  "accumulator.tryAppend",
  "accumulator.allocate",
  "bufferPool.allocate",
  "bufferPool.wait",
  "accumulator.newBatch",
  "doSend.wakeup",
  "sender.runOnce",
  "sender.sendProducerData",
  "accumulator.ready",
  "inFlightRequests.canSendMore",
  "accumulator.drain",
  "sender.sendProduceRequest",
  "networkClient.doSend",
  "inFlightRequests.add",
  "broker.appendRecords",
  "broker.delayedProduce",
  "sender.handleProduceResponse",
  "sender.reenqueueBatch",
  "sender.completeBatch",
  "batch.done",
  "callbacks.onCompletion",
];

/** Every step id of the outline, in outline order. */
export function outlineStepIds(outline: readonly OutlineBlock[] = OUTLINE): StepId[] {
  return outline.flatMap((b) => b.steps.map((s) => s.id));
}

/** The block and line range of a step; throws naming the step when the outline has none. */
export function locateStep(id: StepId, outline: readonly OutlineBlock[] = OUTLINE): { block: OutlineBlock; step: OutlineStep } {
  for (const b of outline) {
    const step = b.steps.find((s) => s.id === id);
    if (step) return { block: b, step };
  }
  throw new Error(`source-walkthrough: step "${id}" is not in the outline; known steps: ${outlineStepIds(outline).join(", ")}`);
}

/** The method a step belongs to, for the sentences ("RecordAccumulator.ready()"). */
export function methodOf(id: StepId): string {
  return STEP_METHOD[id];
}

const STEP_METHOD: Record<StepId, string> = {
  "producer.send": "KafkaProducer.send()",
  "interceptors.onSend": "ProducerInterceptors.onSend()",
  "doSend.waitOnMetadata": "KafkaProducer.waitOnMetadata()",
  "doSend.serialize": "keySerializer.serialize() / valueSerializer.serialize()",
  "doSend.partition": "KafkaProducer.partition()",
  "doSend.append": "KafkaProducer.doSend() → accumulator.append()",
  "accumulator.append": "RecordAccumulator.append()",
  "accumulator.tryAppend": "RecordAccumulator.tryAppend()",
  "accumulator.allocate": "RecordAccumulator.append() → free.allocate()",
  "bufferPool.allocate": "BufferPool.allocate()",
  "bufferPool.wait": "BufferPool.allocate() (waiting)",
  "accumulator.newBatch": "new ProducerBatch()",
  "doSend.wakeup": "Sender.wakeup()",
  "sender.runOnce": "Sender.runOnce()",
  "sender.sendProducerData": "Sender.sendProducerData()",
  "accumulator.ready": "RecordAccumulator.ready()",
  "inFlightRequests.canSendMore": "InFlightRequests.canSendMore()",
  "accumulator.drain": "RecordAccumulator.drain()",
  "sender.sendProduceRequest": "Sender.sendProduceRequest()",
  "networkClient.doSend": "NetworkClient.doSend()",
  "inFlightRequests.add": "InFlightRequests.add()",
  "broker.appendRecords": "ReplicaManager.appendRecords()",
  "broker.delayedProduce": "DelayedProduce",
  "sender.handleProduceResponse": "Sender.handleProduceResponse()",
  "sender.reenqueueBatch": "Sender.canRetry() / reenqueueBatch()",
  "sender.completeBatch": "Sender.completeBatch()",
  "batch.done": "ProducerBatch.done()",
  "callbacks.onCompletion": "AppendCallbacks.onCompletion()",
};
