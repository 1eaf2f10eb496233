import type { BrokerId } from "../../kernel/trace.js";
import { randomInt, type Prng } from "../../kernel/prng.js";
import type { Broker, BrokerRuntime } from "../broker.js";
import { BROKER_IDS_PATH, type ZooKeeper, type ZkResult } from "../coordination/zookeeper.js";
import { KafkaError, type KafkaErrorName } from "../errors.js";
import type { AlterPartitionResponse } from "../replica-manager.js";
import { tpKey, type PartitionState } from "../types.js";
import { assignReplicasToBrokers, offlinePartitionLeaderElection, removeReplicaFromIsr } from "./leader-election.js";
import { ControllerChannelManager } from "./channel-manager.js";
import { readClusterState, topicPath, writePartitionStates, deleteTopicNodes } from "./zk-state.js";

type ElectionKind = "initial" | "clean" | "unclean" | "none" | "isr-change";

interface Change {
  state: PartitionState;
  election: ElectionKind;
}

/** Kafka's legal topic names (Topic.validate): at most 249 of [a-zA-Z0-9._-], not "." or "..". */
const legalTopicName = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * The controller in ZooKeeper mode (Kafka's KafkaController): it loads the cluster state
 * from ZooKeeper when it wins the election, watches broker registrations, elects leaders
 * when brokers die or return, commits ISR changes that leaders propose, runs admin
 * operations, and pushes every decision to the brokers (LeaderAndIsr, UpdateMetadata).
 * Every write to ZooKeeper quotes the controller epoch, so a deposed controller's writes
 * are refused, and every request to a broker carries it, so a deposed controller's
 * late requests are refused too.
 */
export class KafkaController {
  private active = false;
  private loaded = false;
  readonly liveBrokers = new Set<BrokerId>();
  readonly topics = new Map<string, BrokerId[][]>();
  readonly partitions = new Map<string, PartitionState>();
  private readonly channel: ControllerChannelManager;

  constructor(
    private readonly broker: Broker,
    readonly epoch: number,
    private readonly rt: BrokerRuntime,
    private readonly assignmentPrng: Prng,
  ) {
    this.channel = new ControllerChannelManager(broker, rt.settings.controllerSocketTimeoutMs);
  }

  get isActive(): boolean {
    return this.active && this.loaded;
  }

  startup(): void {
    this.active = true;
    this.broker.zkRequest<ReturnType<typeof readClusterState>>(
      "zk.read-cluster-state",
      (zk, session) => {
        const state = readClusterState(zk);
        zk.getChildren(session, BROKER_IDS_PATH, true);
        return { ok: true, value: state };
      },
      (result) => {
        if (!this.active) return;
        if (result === null || !result.ok) return this.resign();
        this.loaded = true;
        for (const [topic, assignment] of result.value.topics) this.topics.set(topic, assignment);
        for (const state of result.value.partitions) this.partitions.set(tpKey(state.topic, state.partition), state);
        for (const id of result.value.brokers) this.liveBrokers.add(id);
        const dead = new Set<BrokerId>();
        for (const state of this.partitions.values()) for (const r of state.replicas) if (!this.liveBrokers.has(r)) dead.add(r);
        this.emitBrokerChange([...dead], []);
        const failures = this.failureChanges(dead);
        const changes = [...failures, ...this.offlineElections(failures)];
        this.commit(changes, () => this.sendEverythingTo([...this.liveBrokers]));
      },
    );
  }

  resign(): void {
    this.active = false;
    this.channel.shutdown();
  }

  // ---- Broker membership ------------------------------------------------------------------

  /** BrokerChangeHandler: re-read /brokers/ids (re-arming the watch) and react to the difference. */
  onBrokerChange(): void {
    if (!this.isActive) return;
    this.broker.zkRequest<string[]>(
      "zk.get-brokers",
      (zk, session) => zk.getChildren(session, BROKER_IDS_PATH, true),
      (result) => {
        if (!this.isActive || result === null || !result.ok) return;
        const now = new Set(result.value.map(Number));
        const dead = [...this.liveBrokers].filter((id) => !now.has(id)).sort((a, b) => a - b);
        const born = [...now].filter((id) => !this.liveBrokers.has(id)).sort((a, b) => a - b);
        if (dead.length === 0 && born.length === 0) return;
        for (const id of dead) {
          this.liveBrokers.delete(id);
          this.channel.removeBroker(id);
        }
        for (const id of born) this.liveBrokers.add(id);
        this.emitBrokerChange(dead, born);
        const failures = this.failureChanges(new Set(dead));
        const changes = [...failures, ...this.offlineElections(failures)];
        this.commit(changes, () => {
          if (born.length > 0) this.sendEverythingTo(born);
          // onBrokerFailure: when no leader had to move, brokers still learn who is alive.
          else if (changes.length === 0) this.sendUpdateMetadata([...this.liveBrokers], [], []);
        });
      },
    );
  }

  private emitBrokerChange(dead: BrokerId[], born: BrokerId[]): void {
    this.rt.trace.emit({
      t: this.rt.sim.nowMs,
      type: "controller.broker-change",
      controller: this.broker.id,
      live: [...this.liveBrokers].sort((a, b) => a - b),
      dead,
      born,
    });
  }

  /** onBrokerFailure: new leaders for partitions the dead led; dead followers leave the ISR. */
  private failureChanges(dead: ReadonlySet<BrokerId>): Change[] {
    if (dead.size === 0) return [];
    const changes: Change[] = [];
    for (const state of this.sortedPartitions()) {
      const leaderDied = state.leader !== null && dead.has(state.leader);
      const deadInIsr = state.isr.filter((id) => dead.has(id));
      if (!leaderDied && deadInIsr.length === 0) continue;
      if (leaderDied) {
        const result = offlinePartitionLeaderElection(state.replicas, state.isr, this.liveBrokers, this.uncleanEnabled(state.topic));
        if (result.leader !== null) {
          changes.push({ state: { ...state, leader: result.leader, isr: result.isr, leaderEpoch: state.leaderEpoch + 1 }, election: result.kind });
          continue;
        }
      }
      let leader = state.leader;
      let isr = [...state.isr];
      for (const id of deadInIsr) ({ leader, isr } = removeReplicaFromIsr(leader, isr, id));
      changes.push({ state: { ...state, leader, isr, leaderEpoch: state.leaderEpoch + 1 }, election: leader === null ? "none" : "isr-change" });
    }
    return changes;
  }

  /** triggerOnlinePartitionStateChange: try to elect a leader for every partition without one. */
  private offlineElections(decided: readonly Change[] = []): Change[] {
    const changes: Change[] = [];
    const already = new Set(decided.map((c) => tpKey(c.state.topic, c.state.partition)));
    for (const state of this.sortedPartitions()) {
      if (already.has(tpKey(state.topic, state.partition))) continue;
      if (state.leader !== null && this.liveBrokers.has(state.leader)) continue;
      const result = offlinePartitionLeaderElection(state.replicas, state.isr, this.liveBrokers, this.uncleanEnabled(state.topic));
      if (result.leader === null) continue;
      changes.push({ state: { ...state, leader: result.leader, isr: result.isr, leaderEpoch: state.leaderEpoch + 1 }, election: result.kind });
    }
    return changes;
  }

  private uncleanEnabled(topic: string): boolean {
    return this.rt.topicConfig(topic).uncleanLeaderElectionEnable;
  }

  private sortedPartitions(): PartitionState[] {
    return [...this.partitions.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }

  // ---- Committing decisions ---------------------------------------------------------------

  /**
   * Writes the new partition states to ZooKeeper (fenced by the controller epoch), then
   * tells the brokers. In-memory state changes at once, as the controller's single event
   * thread would see it.
   */
  private commit(changes: Change[], then: () => void, updateMetadataToAll = true): void {
    for (const change of changes) {
      change.state = { ...change.state, partitionEpoch: change.state.partitionEpoch + 1 };
      this.partitions.set(tpKey(change.state.topic, change.state.partition), change.state);
    }
    if (changes.length === 0) {
      then();
      return;
    }
    const states = changes.map((c) => c.state);
    this.zkWrite((zk, session) => writePartitionStates(zk, session, states, this.epoch), () => {
      for (const change of changes) {
        const s = change.state;
        this.rt.trace.emit({
          t: this.rt.sim.nowMs,
          type: "partition.leader",
          topic: s.topic,
          partition: s.partition,
          leader: s.leader,
          leaderEpoch: s.leaderEpoch,
          isr: [...s.isr],
          replicas: [...s.replicas],
          election: change.election,
        });
      }
      this.sendLeaderAndIsr(states);
      if (updateMetadataToAll) this.sendUpdateMetadata([...this.liveBrokers], states, []);
      then();
    });
  }

  private zkWrite<T>(op: (zk: ZooKeeper, session: number) => ZkResult<T>, onOk: (value: T) => void): void {
    this.broker.zkRequest<T>(
      "zk.controller-write",
      (zk, session) => (zk.checkControllerEpoch(this.epoch) ? op(zk, session) : { ok: false, error: "CONTROLLER_MOVED" }),
      (result) => {
        if (!this.active) return;
        if (result === null) {
          // No answer: like Kafka's ZooKeeper client, wait for the connection and try again.
          this.broker.after(1_000, () => this.zkWrite(op, onOk));
          return;
        }
        if (!result.ok) {
          // A refused write means another controller took over (or our session is gone).
          this.resign();
          return;
        }
        onOk(result.value);
      },
    );
  }

  private sendEverythingTo(brokers: BrokerId[]): void {
    const all = this.sortedPartitions();
    this.sendUpdateMetadata([...this.liveBrokers], all, []);
    for (const id of brokers) {
      const hosted = all.filter((s) => s.replicas.includes(id));
      if (hosted.length > 0) this.sendLeaderAndIsrTo(id, hosted);
    }
  }

  private sendLeaderAndIsr(states: PartitionState[]): void {
    const byBroker = new Map<BrokerId, PartitionState[]>();
    for (const s of states) {
      for (const r of s.replicas) {
        if (!this.liveBrokers.has(r)) continue;
        const list = byBroker.get(r) ?? [];
        list.push(s);
        byBroker.set(r, list);
      }
    }
    for (const [id, list] of [...byBroker].sort(([a], [b]) => a - b)) this.sendLeaderAndIsrTo(id, list);
  }

  private sendLeaderAndIsrTo(id: BrokerId, states: PartitionState[]): void {
    const copy = states.map((s) => ({ ...s, isr: [...s.isr], replicas: [...s.replicas] }));
    const controllerId = this.broker.id;
    const epoch = this.epoch;
    this.channel.enqueue(id, "LeaderAndIsr", (target) => target.replicaManager.handleLeaderAndIsr(controllerId, epoch, copy));
  }

  private sendUpdateMetadata(brokers: BrokerId[], states: PartitionState[], deletedTopics: string[]): void {
    const copy = states.map((s) => ({ ...s, isr: [...s.isr], replicas: [...s.replicas] }));
    const alive = [...this.liveBrokers].sort((a, b) => a - b);
    const controllerId = this.broker.id;
    const epoch = this.epoch;
    for (const id of [...brokers].sort((a, b) => a - b)) {
      this.channel.enqueue(id, "UpdateMetadata", (target) => target.replicaManager.handleUpdateMetadata(controllerId, epoch, alive, copy, deletedTopics));
    }
  }

  // ---- AlterPartition -----------------------------------------------------------------------

  /** Commits an ISR change a leader proposes, if it quotes the current leader and partition epochs. */
  handleAlterPartition(
    topic: string,
    partition: number,
    proposal: { leader: BrokerId; leaderEpoch: number; partitionEpoch: number; newIsr: BrokerId[] },
    respond: (response: AlterPartitionResponse) => void,
  ): void {
    const refuse = (error: KafkaErrorName) => respond({ error, state: null });
    if (!this.isActive) return refuse("NOT_CONTROLLER");
    const key = tpKey(topic, partition);
    const state = this.partitions.get(key);
    if (!state) return refuse("UNKNOWN_TOPIC_OR_PARTITION");
    if (proposal.leaderEpoch !== state.leaderEpoch || proposal.leader !== state.leader) return refuse("FENCED_LEADER_EPOCH");
    if (proposal.partitionEpoch !== state.partitionEpoch) return refuse("INVALID_UPDATE_VERSION");
    if (proposal.newIsr.some((id) => !this.liveBrokers.has(id))) return refuse("INELIGIBLE_REPLICA");
    const change: Change = { state: { ...state, isr: [...proposal.newIsr] }, election: "isr-change" };
    const next = { ...change.state, partitionEpoch: state.partitionEpoch + 1 };
    this.partitions.set(key, next);
    this.zkWrite((zk, session) => writePartitionStates(zk, session, [next], this.epoch), () => {
      respond({ error: "NONE", state: { ...next, isr: [...next.isr], replicas: [...next.replicas] } });
      this.sendUpdateMetadata([...this.liveBrokers], [next], []);
    });
  }

  // ---- Admin ------------------------------------------------------------------------------

  /** CreateTopics. Validation errors throw Kafka's exceptions with Kafka's messages. */
  createTopic(name: string, partitions: number, replicationFactor: number, assignment?: BrokerId[][]): BrokerId[][] {
    this.requireActive();
    if (!legalTopicName.test(name) || name === "." || name === "..")
      throw new KafkaError("INVALID_TOPIC_EXCEPTION", `Topic name "${name}" is illegal: use 1 to 249 of the characters a-z, A-Z, 0-9, '.', '_' and '-'.`);
    if (this.topics.has(name)) throw new KafkaError("TOPIC_ALREADY_EXISTS", `Topic '${name}' already exists.`);
    if (!Number.isInteger(partitions) || partitions < 1) throw new KafkaError("INVALID_PARTITIONS", `Number of partitions must be larger than 0, got ${partitions}.`);
    if (!Number.isInteger(replicationFactor) || replicationFactor < 1)
      throw new KafkaError("INVALID_REPLICATION_FACTOR", `Replication factor must be larger than 0, got ${replicationFactor}.`);
    const live = [...this.liveBrokers].sort((a, b) => a - b);
    if (replicationFactor > live.length)
      throw new KafkaError("INVALID_REPLICATION_FACTOR", `Replication factor: ${replicationFactor} larger than available brokers: ${live.length}.`);
    const plan =
      assignment ??
      assignReplicasToBrokers(live, partitions, replicationFactor, randomInt(this.assignmentPrng, 0, live.length - 1), randomInt(this.assignmentPrng, 0, live.length - 1));
    this.topics.set(name, plan);
    const changes: Change[] = plan.map((replicas, partition) => {
      const alive = replicas.filter((id) => this.liveBrokers.has(id));
      return { state: { topic: name, partition, replicas: [...replicas], leader: alive[0] ?? null, leaderEpoch: 0, isr: alive, partitionEpoch: -1 }, election: "initial" };
    });
    this.rt.trace.emit({ t: this.rt.sim.nowMs, type: "topic.created", topic: name, partitions, replicationFactor, assignment: plan.map((r) => [...r]) });
    this.zkWrite((zk, session) => zk.upsert(session, topicPath(name), JSON.stringify({ partitions: plan })), () => this.commit(changes, () => {}));
    return plan;
  }

  /** DeleteTopics, honouring delete.topic.enable. */
  deleteTopic(name: string): void {
    this.requireActive();
    if (!this.rt.settings.deleteTopicEnable) throw new KafkaError("TOPIC_DELETION_DISABLED", "Topic deletion is disabled (delete.topic.enable=false).");
    if (!this.topics.has(name)) throw new KafkaError("UNKNOWN_TOPIC_OR_PARTITION", `This server does not host this topic: '${name}'.`);
    const assignment = this.topics.get(name)!;
    this.topics.delete(name);
    for (let p = 0; p < assignment.length; p++) this.partitions.delete(tpKey(name, p));
    this.zkWrite((zk, session) => deleteTopicNodes(zk, session, name), () => {
      this.rt.trace.emit({ t: this.rt.sim.nowMs, type: "topic.deleted", topic: name });
      const hosts = new Set(assignment.flat());
      for (const id of [...hosts].sort((a, b) => a - b)) {
        if (!this.liveBrokers.has(id)) continue;
        this.channel.enqueue(id, "StopReplica", (target) => target.replicaManager.handleStopReplica(this.epoch, name));
      }
      this.sendUpdateMetadata([...this.liveBrokers], [], [name]);
    });
  }

  /** CreatePartitions: partitions only grow (AdminZkClient.createPartitions). */
  createPartitions(name: string, totalCount: number): BrokerId[][] {
    this.requireActive();
    const existing = this.topics.get(name);
    if (!existing) throw new KafkaError("UNKNOWN_TOPIC_OR_PARTITION", `This server does not host this topic: '${name}'.`);
    if (!Number.isInteger(totalCount)) throw new KafkaError("INVALID_PARTITIONS", `Number of partitions must be an integer, got ${totalCount}.`);
    if (totalCount < existing.length)
      throw new KafkaError("INVALID_PARTITIONS", `Topic currently has ${existing.length} partitions, which is higher than the requested ${totalCount}.`);
    if (totalCount === existing.length) throw new KafkaError("INVALID_PARTITIONS", `Topic already has ${existing.length} partitions.`);
    const live = [...this.liveBrokers].sort((a, b) => a - b);
    const rf = existing[0].length;
    if (rf > live.length) throw new KafkaError("INVALID_REPLICATION_FACTOR", `Replication factor: ${rf} larger than available brokers: ${live.length}.`);
    const startIndex = Math.max(0, live.findIndex((id) => id >= existing[0][0]));
    const added = assignReplicasToBrokers(live, totalCount - existing.length, rf, startIndex, startIndex, existing.length);
    const plan = [...existing, ...added];
    this.topics.set(name, plan);
    const changes: Change[] = added.map((replicas, i) => ({
      state: { topic: name, partition: existing.length + i, replicas: [...replicas], leader: replicas[0], leaderEpoch: 0, isr: [...replicas], partitionEpoch: -1 },
      election: "initial",
    }));
    this.rt.trace.emit({ t: this.rt.sim.nowMs, type: "topic.partitions-added", topic: name, from: existing.length, to: totalCount, assignment: added.map((r) => [...r]) });
    this.zkWrite((zk, session) => zk.upsert(session, topicPath(name), JSON.stringify({ partitions: plan })), () => this.commit(changes, () => {}));
    return added;
  }

  private requireActive(): void {
    if (!this.isActive) throw new KafkaError("NOT_CONTROLLER", `Broker ${this.broker.id} is not the active controller.`);
  }
}
