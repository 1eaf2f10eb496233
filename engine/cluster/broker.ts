import { createActor, type Actor } from "xstate";
import type { Network } from "../kernel/network.js";
import type { Simulation, Timer } from "../kernel/simulation.js";
import type { BrokerId, Trace } from "../kernel/trace.js";
import { BROKER_IDS_PATH, CONTROLLER_PATH, type ZkResult, type ZooKeeper } from "./coordination/zookeeper.js";
import { controllerElectionMachine, type ElectionHost } from "./controller/election-machine.js";
import type { KafkaController } from "./controller/controller.js";
import { LogManager } from "./log-manager.js";
import type { KafkaErrorName } from "./errors.js";
import { MetadataCache } from "./metadata-cache.js";
import { ZkProducerIdManager } from "./producer-state/producer-id-manager.js";
import { GroupCoordinator } from "./group/group-coordinator.js";
import { ReplicaManager } from "./replica-manager.js";
import { ShareGroupCoordinator } from "./share/share-group-coordinator.js";
import { SharePartitionManager } from "./share/share-partition-manager.js";
import { request, type Endpoint, type RequestOutcome } from "./rpc.js";
import { brokerNodeId, type BrokerSettings, type TopicConfigSource } from "./types.js";

/** Everything a broker shares with the rest of the cluster. */
export interface BrokerRuntime extends TopicConfigSource {
  readonly sim: Simulation;
  readonly net: Network;
  readonly trace: Trace;
  readonly zk: ZooKeeper;
  readonly settings: BrokerSettings;
  broker(id: BrokerId): Broker | undefined;
  /** Creates the controller object when this broker wins an election. */
  createController(broker: Broker, epoch: number): KafkaController;
  /** The resolved broker configs by Kafka's names (the group coordinator reads its settings here). */
  readonly brokerConfig?: Readonly<Record<string, unknown>>;
  /** The run's root seed (the group coordinator draws member ids from it). */
  readonly options?: { readonly seed: number };
}

/** InitProducerId's answer: a producer id and epoch, or an error with -1 for both. */
export interface InitProducerIdResponse {
  error: KafkaErrorName;
  producerId: number;
  producerEpoch: number;
  detail: string;
}

/**
 * A Kafka broker: a ZooKeeper session and the controller election machine, a metadata
 * cache, a log manager (the partition logs on disk), a replica manager (the partitions'
 * replication state and requests), and, while it holds the /controller
 * znode, the controller. A crash loses everything in memory; the logs survive (they are on
 * disk). Simplification: a crash is a process crash, so nothing written is lost by the OS.
 */
export class Broker implements Endpoint {
  readonly nodeId: string;
  alive = false;
  /** Bumped on every start and crash so that late callbacks of a past life do nothing. */
  incarnation = 0;
  zkSession: number | null = null;
  readonly metadata = new MetadataCache();
  /** The partition logs on this broker's disk: they survive a crash. */
  readonly logManager: LogManager;
  readonly replicaManager: ReplicaManager;
  controller: KafkaController | null = null;
  /** Hands out producer ids from a block claimed in ZooKeeper (the transaction coordinator's ProducerIdManager). */
  readonly producerIdManager: ZkProducerIdManager;
  /** Share groups (KIP-932): the share-partitions this broker leads, and ShareFetch / ShareAcknowledge. */
  readonly sharePartitionManager: SharePartitionManager;
  /** Share groups (KIP-932): membership and assignment (ShareGroupHeartbeat) of the groups this broker coordinates. */
  readonly shareCoordinator: ShareGroupCoordinator;
  /** Consumer groups (classic protocol) and committed offsets of the groups whose __consumer_offsets partition this broker leads. */
  readonly groupCoordinator: GroupCoordinator;
  readonly election: Actor<typeof controllerElectionMachine>;
  /** Pending timers of this incarnation, cancelled together when the broker crashes. */
  private readonly timers = new Set<Timer>();

  constructor(
    readonly id: BrokerId,
    readonly runtime: BrokerRuntime,
  ) {
    this.nodeId = brokerNodeId(id);
    this.logManager = new LogManager(id, runtime.trace);
    this.replicaManager = new ReplicaManager(this);
    this.producerIdManager = new ZkProducerIdManager(this);
    this.sharePartitionManager = new SharePartitionManager(this);
    this.shareCoordinator = new ShareGroupCoordinator(this);
    this.groupCoordinator = new GroupCoordinator(this);
    this.replicaManager.leadershipChangeListeners.push((leaders, followers) => this.groupCoordinator.onLeadershipChange(leaders, followers));
    const host: ElectionHost = {
      connectSession: () => this.connectSession(),
      registerBroker: () => this.registerBroker(),
      tryRegisterController: () => this.tryRegisterController(),
      watchController: () => this.watchController(),
      onControllerFailover: (epoch) => this.onControllerFailover(epoch),
      onControllerResignation: () => this.onControllerResignation(),
      scheduleRegisterRetry: (delayMs) => this.after(delayMs, () => this.election.send({ type: "zk.register-retry" })),
    };
    // No clock option: the machine has no delayed transitions (a test checks), so XState never
    // needs one; every wait goes through the simulation's queue via the host.
    this.election = createActor(controllerElectionMachine, { input: { host } });
    let lastState = "";
    this.election.subscribe((snapshot) => {
      const state = String(snapshot.value);
      if (state !== lastState) {
        lastState = state;
        this.runtime.trace.emit({ t: this.runtime.sim.nowMs, type: "controller.state", broker: this.id, state });
      }
    });
    this.election.start();
  }

  isCurrent(incarnation: number): boolean {
    return this.alive && this.incarnation === incarnation;
  }

  get nowMs(): number {
    return this.runtime.sim.nowMs;
  }

  /** Runs `action` after `delayMs` if this broker is still the same live incarnation. */
  after(delayMs: number, action: () => void): Timer {
    const incarnation = this.incarnation;
    const timer = this.runtime.sim.schedule(delayMs, () => {
      this.timers.delete(timer);
      if (this.isCurrent(incarnation)) action();
    });
    this.timers.add(timer);
    return timer;
  }

  start(): void {
    if (this.alive) return;
    this.alive = true;
    this.incarnation++;
    this.runtime.trace.emit({ t: this.nowMs, type: "broker.started", broker: this.id });
    this.replicaManager.startup();
    this.election.send({ type: "broker.start" });
  }

  crash(): void {
    if (!this.alive) return;
    this.alive = false;
    this.incarnation++;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.runtime.trace.emit({ t: this.nowMs, type: "broker.crashed", broker: this.id });
    // The session stays alive at ZooKeeper until it times out: that delay is what the
    // controller-election widget shows.
    this.zkSession = null;
    if (this.controller) {
      this.controller.resign();
      this.controller = null;
    }
    this.metadata.clear();
    this.replicaManager.shutdownOnCrash();
    this.producerIdManager.reset();
    this.sharePartitionManager.shutdownOnCrash();
    this.shareCoordinator.shutdownOnCrash();
    this.groupCoordinator.shutdownOnCrash();
    this.election.send({ type: "broker.crash" });
  }

  // ---- Producer ids -----------------------------------------------------------------

  /**
   * InitProducerId from an idempotent producer without a transactional.id (Kafka's
   * TransactionCoordinator.handleInitProducerId with a null transactionalId): any broker answers
   * with a fresh producer id and epoch 0. When no id can be had (the block is used up and
   * ZooKeeper cannot be reached), Kafka's ZooKeeper-mode broker answers UNKNOWN_SERVER_ERROR
   * (Errors.forException of the KafkaException "Failed to acquire a new block of producerIds").
   */
  handleInitProducerId(respond: (response: InitProducerIdResponse) => void): void {
    this.producerIdManager.generateProducerId((result) => {
      if (!result.ok) return respond({ error: "UNKNOWN_SERVER_ERROR", producerId: -1, producerEpoch: -1, detail: result.detail });
      this.runtime.trace.emit({ t: this.nowMs, type: "producer.id-allocated", broker: this.id, producerId: result.producerId, producerEpoch: 0 });
      respond({ error: "NONE", producerId: result.producerId, producerEpoch: 0, detail: "" });
    });
  }

  // ---- ZooKeeper client -------------------------------------------------------------

  /** One ZooKeeper request over the network; SESSION_EXPIRED answers make the broker reconnect. */
  zkRequest<T>(kind: string, op: (zk: ZooKeeper, session: number) => ZkResult<T>, onResult: (result: ZkResult<T> | null) => void): void {
    const session = this.zkSession;
    if (session === null) return onResult(null);
    request<ZkResult<T>>(
      this.runtime.sim,
      this.runtime.net,
      this,
      "zk",
      kind,
      (respond) => respond(op(this.runtime.zk, session)),
      (outcome: RequestOutcome<ZkResult<T>>) => {
        if (this.zkSession !== session) return;
        if (!outcome.ok) return onResult(null);
        if (!outcome.response.ok && outcome.response.error === "SESSION_EXPIRED") {
          this.onSessionLost();
          return;
        }
        onResult(outcome.response);
      },
      this.runtime.settings.zkSessionTimeoutMs,
    );
  }

  private connectSession(): void {
    const { sim, net, zk, settings } = this.runtime;
    const incarnation = this.incarnation;
    const timeoutMs = settings.zkSessionTimeoutMs;
    request<number>(
      sim,
      net,
      this,
      "zk",
      "zk.connect",
      (respond) =>
        respond(
          zk.connect(this.id, timeoutMs, (path, event) =>
            net.send("zk", this.nodeId, "zk.watch", () => {
              if (this.isCurrent(incarnation)) this.onZkWatch(path, event);
            }),
          ),
        ),
      (outcome) => {
        if (!outcome.ok) {
          this.after(1_000, () => this.connectSession());
          return;
        }
        this.zkSession = outcome.response;
        this.schedulePing(outcome.response);
        this.election.send({ type: "zk.connected" });
      },
      timeoutMs,
    );
  }

  /**
   * Pings every third of the session timeout, as ZooKeeper clients do. A client that hears
   * nothing is only *disconnected*: ZooKeeper tells it that its session expired when it gets
   * through again. Until then a controller cut off from ZooKeeper goes on acting as the
   * controller (a zombie), which is why every controller request carries its epoch.
   */
  private schedulePing(session: number): void {
    const timeoutMs = this.runtime.settings.zkSessionTimeoutMs;
    this.after(Math.max(1, Math.floor(timeoutMs / 3)), () => {
      if (this.zkSession !== session) return;
      this.zkRequest("zk.ping", (zk, s) => (zk.touch(s) ? { ok: true, value: undefined } : { ok: false, error: "SESSION_EXPIRED" }), () => {});
      this.schedulePing(session);
    });
  }

  private onSessionLost(): void {
    if (this.zkSession === null) return;
    this.zkSession = null;
    this.election.send({ type: "zk.session-lost" });
  }

  private registerBroker(): void {
    this.zkRequest(
      "zk.register-broker",
      (zk, s) => zk.create(s, `${BROKER_IDS_PATH}/${this.id}`, JSON.stringify({ id: this.id }), true),
      (result) => {
        if (result === null) return this.after(1_000, () => this.registerBroker());
        this.election.send(result.ok ? { type: "zk.registered" } : { type: "zk.register-conflict" });
      },
    );
  }

  private tryRegisterController(): void {
    this.runtime.trace.emit({ t: this.nowMs, type: "controller.attempt", broker: this.id });
    this.zkRequest(
      "zk.register-controller",
      (zk, s) => zk.registerController(s, this.id),
      (result) => {
        if (result === null) return this.after(1_000, () => this.tryRegisterController());
        if (result.ok) {
          this.election.send({ type: "zk.controller-won", epoch: result.value });
        } else {
          this.runtime.trace.emit({ t: this.nowMs, type: "controller.lost-race", broker: this.id, winner: this.runtime.zk.controllerId() });
          this.election.send({ type: "zk.controller-exists" });
        }
      },
    );
  }

  /** ControllerChangeHandler: watch /controller; if it is already gone, race again. */
  private watchController(): void {
    this.zkRequest(
      "zk.watch-controller",
      (zk, s) => zk.getData(s, CONTROLLER_PATH, true),
      (result) => {
        if (result === null) return this.after(1_000, () => this.watchController());
        if (result.ok && result.value === null) this.election.send({ type: "zk.controller-gone" });
      },
    );
  }

  private onZkWatch(path: string, event: string): void {
    if (path === CONTROLLER_PATH && event === "deleted") this.election.send({ type: "zk.controller-gone" });
    else if (path === CONTROLLER_PATH) this.watchController();
    else if (path === BROKER_IDS_PATH) this.controller?.onBrokerChange();
  }

  private onControllerFailover(epoch: number): void {
    this.runtime.trace.emit({ t: this.nowMs, type: "controller.elected", broker: this.id, epoch });
    this.controller = this.runtime.createController(this, epoch);
    this.controller.startup();
  }

  private onControllerResignation(): void {
    if (!this.controller) return;
    this.runtime.trace.emit({ t: this.nowMs, type: "controller.resigned", broker: this.id, epoch: this.controller.epoch });
    this.controller.resign();
    this.controller = null;
  }
}
