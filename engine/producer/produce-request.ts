import type { Cluster } from "../cluster/cluster.js";
import type { SimRecord } from "../cluster/log/index.js";
import type { Acks, ProduceResponse } from "../cluster/replica-manager.js";
import { notify, request, type Endpoint, type RequestOutcome } from "../cluster/rpc.js";
import { brokerNodeId } from "../cluster/types.js";
import type { BrokerId } from "../kernel/trace.js";

/** One partition's part of a produce request (ProduceRequestData.PartitionProduceData). */
export interface PartitionProduceData {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly SimRecord[];
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  /** The batch's v2 size, counted while appending (ProducerBatch.estimatedSizeInBytes): the broker reads it, it does not re-size the records. */
  readonly sizeInBytes: number;
}

/** The broker's answer: one ProduceResponse per partition, in request order. */
export type MultiPartitionProduceResponse = ProduceResponse[];

/**
 * Sends one Produce request carrying batches for several partitions to one broker, as
 * Kafka's Sender does (one request per node). The replica manager appends one partition per
 * call, so the broker side calls handleProduce for each partition and answers once every
 * partition has answered. With acks=0 nothing answers: the request is sent one way.
 */
export function sendProduceRequest(
  cluster: Cluster,
  from: Endpoint,
  to: BrokerId,
  partitions: readonly PartitionProduceData[],
  acks: Acks,
  timeoutMs: number,
  onOutcome: (outcome: RequestOutcome<MultiPartitionProduceResponse>) => void,
): void {
  const serveAll = (respond: (response: MultiPartitionProduceResponse) => void) => {
    const broker = cluster.broker(to);
    if (!broker) return;
    const answers: ProduceResponse[] = new Array(partitions.length);
    let pending = partitions.length;
    partitions.forEach((data, i) => {
      // The partition data carries the header's producer fields and the size, as handleProduce reads them.
      broker.replicaManager.handleProduce(data.topic, data.partition, data.records, acks, timeoutMs, data, (response) => {
        if (answers[i] !== undefined) return;
        answers[i] = response;
        if (--pending === 0) respond(answers);
      });
    });
  };
  if (acks === "0") {
    notify(cluster.net, from.nodeId, brokerNodeId(to), "Produce", () => serveAll(() => {}));
    return;
  }
  request<MultiPartitionProduceResponse>(cluster.sim, cluster.net, from, brokerNodeId(to), "Produce", serveAll, onOutcome, timeoutMs);
}
