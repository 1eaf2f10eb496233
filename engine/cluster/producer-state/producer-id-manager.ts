/**
 * Kafka's ZkProducerIdManager (ZooKeeper mode, Kafka 2.x and 3.x): every broker hands out
 * producer ids from a block of 1000 it has claimed in the znode /latest_producer_id_block,
 * so two brokers never give out the same id and no id is reused after a restart (the rest of
 * a block dies with the broker that held it). InitProducerId for a non-transactional
 * idempotent producer goes to any broker, which answers with the next id of its block and
 * epoch 0 (TransactionCoordinator.handleInitProducerId with a null transactionalId).
 *
 * Simplification: the block is claimed at the first InitProducerId rather than at broker
 * startup, so that runs without idempotent producers send no extra ZooKeeper traffic.
 * Simplification: Kafka reads the znode with its version and writes it back conditionally,
 * retrying on a version conflict; here the read and the write are one ZooKeeper request,
 * which the model applies atomically, so there is never a conflict to retry.
 * Simplification: without a ZooKeeper session the claim fails at once; Kafka's ZooKeeper
 * client would first wait for the connection, then fail the same way.
 */
import type { Network } from "../../kernel/network.js";
import type { Simulation } from "../../kernel/simulation.js";
import type { BrokerId, Trace } from "../../kernel/trace.js";
import type { ZkResult, ZooKeeper } from "../coordination/zookeeper.js";
import { type Endpoint, request } from "../rpc.js";

/** ProducerIdBlockZNode.path */
export const PRODUCER_ID_BLOCK_PATH = "/latest_producer_id_block";
/** ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE */
export const PRODUCER_ID_BLOCK_SIZE = 1000;

/** Kafka's ProducerIdsBlock: ids firstProducerId .. firstProducerId + size - 1, claimed by one broker. */
export interface ProducerIdsBlock {
  readonly assignedBrokerId: BrokerId;
  readonly firstProducerId: number;
  readonly size: number;
}

export function lastProducerIdOf(block: ProducerIdsBlock): number {
  return block.firstProducerId + block.size - 1;
}

/** ProducerIdBlockZNode.generateProducerIdBlockJson: ids are written as strings, as Kafka does. */
export function producerIdBlockJson(block: ProducerIdsBlock): string {
  return JSON.stringify({ version: 1, broker: block.assignedBrokerId, block_start: String(block.firstProducerId), block_end: String(lastProducerIdOf(block)) });
}

/** ProducerIdBlockZNode.parseProducerIdBlockData */
export function parseProducerIdBlock(data: string): ProducerIdsBlock {
  const json = JSON.parse(data) as { broker: number; block_start: string; block_end: string };
  const first = Number(json.block_start);
  const last = Number(json.block_end);
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || last < first) {
    throw new RangeError(`${PRODUCER_ID_BLOCK_PATH} holds ${data}: block_start and block_end must be integers with block_start <= block_end`);
  }
  return { assignedBrokerId: json.broker, firstProducerId: first, size: last - first + 1 };
}

/**
 * ZkProducerIdManager.getNewProducerIdBlock, run at ZooKeeper: the block after the one in the
 * znode (or the first block, 0..999), written back as the latest block.
 */
export function claimNextProducerIdBlock(zk: ZooKeeper, session: number, brokerId: BrokerId): ZkResult<ProducerIdsBlock> {
  const current = zk.getData(session, PRODUCER_ID_BLOCK_PATH, false);
  if (!current.ok) return { ok: false, error: current.error };
  const firstProducerId = current.value === null ? 0 : lastProducerIdOf(parseProducerIdBlock(current.value.data)) + 1;
  const block: ProducerIdsBlock = { assignedBrokerId: brokerId, firstProducerId, size: PRODUCER_ID_BLOCK_SIZE };
  const written = zk.upsert(session, PRODUCER_ID_BLOCK_PATH, producerIdBlockJson(block));
  if (!written.ok) return { ok: false, error: written.error };
  return { ok: true, value: block };
}

/** What the manager needs of its broker. */
export interface ProducerIdManagerHost extends Endpoint {
  readonly id: BrokerId;
  readonly zkSession: number | null;
  readonly runtime: { readonly sim: Simulation; readonly net: Network; readonly zk: ZooKeeper; readonly trace: Trace; readonly settings: { readonly zkSessionTimeoutMs: number } };
}

export type GenerateProducerIdResult = { ok: true; producerId: number } | { ok: false; detail: string };

export class ZkProducerIdManager {
  private block: ProducerIdsBlock | null = null;
  private nextProducerId = 0;
  /** Requests waiting for a block, answered in arrival order (Kafka serialises them with a lock). */
  private waiting: ((result: GenerateProducerIdResult) => void)[] = [];
  private claiming = false;

  constructor(private readonly host: ProducerIdManagerHost) {}

  /** The block this broker hands ids from, or null before its first claim. */
  get currentBlock(): ProducerIdsBlock | null {
    return this.block;
  }

  /** ZkProducerIdManager.generateProducerId: the next id of the block, claiming a new block when it is used up. */
  generateProducerId(done: (result: GenerateProducerIdResult) => void): void {
    if (this.waiting.length === 0 && this.block !== null && this.nextProducerId <= lastProducerIdOf(this.block)) {
      done({ ok: true, producerId: this.nextProducerId++ });
      return;
    }
    this.waiting.push(done);
    if (!this.claiming) this.claimBlock();
  }

  /** A crash loses the block in memory; the ids left in it are never handed out. */
  reset(): void {
    this.block = null;
    this.nextProducerId = 0;
    this.waiting = [];
    this.claiming = false;
  }

  private claimBlock(): void {
    const host = this.host;
    const session = host.zkSession;
    if (session === null) return this.failWaiting("the broker has no ZooKeeper session");
    this.claiming = true;
    const { sim, net, zk, settings } = host.runtime;
    request<ZkResult<ProducerIdsBlock>>(
      sim,
      net,
      host,
      "zk",
      "zk.producer-id-block",
      (respond) => respond(claimNextProducerIdBlock(zk, session, host.id)),
      (outcome) => {
        if (!this.claiming) return; // reset() since the claim was sent
        this.claiming = false;
        if (!outcome.ok) return this.failWaiting(`no answer from ZooKeeper (${outcome.error})`);
        if (!outcome.response.ok) return this.failWaiting(`ZooKeeper answered ${outcome.response.error}`);
        const block = outcome.response.value;
        this.block = block;
        this.nextProducerId = block.firstProducerId;
        host.runtime.trace.emit({ t: sim.nowMs, type: "producer.id-block", broker: host.id, firstProducerId: block.firstProducerId, lastProducerId: lastProducerIdOf(block) });
        this.serveWaiting();
      },
      settings.zkSessionTimeoutMs,
    );
  }

  private serveWaiting(): void {
    const block = this.block!;
    while (this.waiting.length > 0 && this.nextProducerId <= lastProducerIdOf(block)) {
      this.waiting.shift()!({ ok: true, producerId: this.nextProducerId++ });
    }
    if (this.waiting.length > 0) this.claimBlock();
  }

  private failWaiting(reason: string): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const done of waiting) done({ ok: false, detail: `Failed to acquire a new block of producerIds: ${reason}` });
  }
}
