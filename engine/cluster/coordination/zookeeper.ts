import type { Simulation, Timer } from "../../kernel/simulation.js";
import type { Trace, BrokerId } from "../../kernel/trace.js";

/**
 * A model of the coordination service Kafka used before 4.0 (ZooKeeper): a tree of znodes,
 * client sessions kept alive by pings and expired after their timeout, ephemeral znodes
 * that vanish with their session, and one-shot watches.
 * Simplifications: a single server (no ensemble, no quorum of its own); requests are
 * handled atomically on arrival; the broker side sees watch notifications over the same
 * simulated network as everything else, so a cut can delay or lose them.
 */

export interface ZNode {
  data: string;
  /** The session that owns an ephemeral node; null for persistent nodes. */
  ephemeralOwner: number | null;
  /** Bumped on every setData; conditional writes compare it. */
  version: number;
}

export type WatchEvent = "created" | "deleted" | "changed" | "children";

interface Session {
  id: number;
  broker: BrokerId;
  timeoutMs: number;
  lastHeardMs: number;
  expiry: Timer | null;
  alive: boolean;
  /** Delivers a watch notification to the session's broker (over the network). */
  notify: (path: string, event: WatchEvent) => void;
}

export type ZkResult<T> = { ok: true; value: T } | { ok: false; error: "NODE_EXISTS" | "NO_NODE" | "BAD_VERSION" | "SESSION_EXPIRED" | "CONTROLLER_MOVED" };

export const CONTROLLER_PATH = "/controller";
export const CONTROLLER_EPOCH_PATH = "/controller_epoch";
export const BROKER_IDS_PATH = "/brokers/ids";

export class ZooKeeper {
  readonly nodes = new Map<string, ZNode>();
  private readonly sessions = new Map<number, Session>();
  private nextSessionId = 1;
  private readonly dataWatches = new Map<string, Set<number>>();
  private readonly childWatches = new Map<string, Set<number>>();

  constructor(
    private readonly sim: Simulation,
    private readonly trace: Trace,
  ) {}

  connect(broker: BrokerId, timeoutMs: number, notify: Session["notify"]): number {
    const session: Session = { id: this.nextSessionId++, broker, timeoutMs, lastHeardMs: this.sim.nowMs, expiry: null, alive: true, notify };
    this.sessions.set(session.id, session);
    this.armExpiry(session);
    this.trace.emit({ t: this.sim.nowMs, type: "zk.session.created", broker, session: session.id, timeoutMs });
    return session.id;
  }

  /** A ping (or any request) from the session's client keeps it alive. */
  touch(sessionId: number): boolean {
    const session = this.sessions.get(sessionId);
    if (!session?.alive) return false;
    session.lastHeardMs = this.sim.nowMs;
    return true;
  }

  isAlive(sessionId: number): boolean {
    return this.sessions.get(sessionId)?.alive ?? false;
  }

  create(sessionId: number, path: string, data: string, ephemeral: boolean): ZkResult<void> {
    if (!this.touch(sessionId)) return { ok: false, error: "SESSION_EXPIRED" };
    if (this.nodes.has(path)) return { ok: false, error: "NODE_EXISTS" };
    const owner = ephemeral ? sessionId : null;
    this.nodes.set(path, { data, ephemeralOwner: owner, version: 0 });
    this.trace.emit({
      t: this.sim.nowMs,
      type: "zk.node.created",
      path,
      ephemeralOwner: owner === null ? null : (this.sessions.get(owner)?.broker ?? null),
      data,
    });
    this.fire(path, "created");
    this.fireChildren(parentOf(path));
    return { ok: true, value: undefined };
  }

  /** Creates or overwrites a persistent node (the controller's writes of partition state). */
  upsert(sessionId: number, path: string, data: string): ZkResult<number> {
    if (!this.touch(sessionId)) return { ok: false, error: "SESSION_EXPIRED" };
    const existing = this.nodes.get(path);
    if (!existing) {
      this.nodes.set(path, { data, ephemeralOwner: null, version: 0 });
      this.fireChildren(parentOf(path));
      return { ok: true, value: 0 };
    }
    existing.data = data;
    existing.version++;
    this.fire(path, "changed");
    return { ok: true, value: existing.version };
  }

  delete(sessionId: number, path: string): ZkResult<void> {
    if (!this.touch(sessionId)) return { ok: false, error: "SESSION_EXPIRED" };
    if (!this.nodes.has(path)) return { ok: false, error: "NO_NODE" };
    this.remove(path, "deleted");
    return { ok: true, value: undefined };
  }

  /** Reads a node and optionally leaves a one-shot watch on it (exists semantics: also fires on creation). */
  getData(sessionId: number, path: string, watch: boolean): ZkResult<ZNode | null> {
    if (!this.touch(sessionId)) return { ok: false, error: "SESSION_EXPIRED" };
    if (watch) this.addWatch(this.dataWatches, path, sessionId);
    const node = this.nodes.get(path);
    return { ok: true, value: node ? { ...node } : null };
  }

  getChildren(sessionId: number, path: string, watch: boolean): ZkResult<string[]> {
    if (!this.touch(sessionId)) return { ok: false, error: "SESSION_EXPIRED" };
    if (watch) this.addWatch(this.childWatches, path, sessionId);
    return { ok: true, value: this.childrenOf(path) };
  }

  /**
   * Kafka registers the controller and bumps the controller epoch in one multi-op
   * (KafkaZkClient.registerControllerAndIncrementControllerEpoch), so two brokers can never
   * both win the same epoch.
   */
  registerController(sessionId: number, broker: BrokerId): ZkResult<number> {
    if (!this.touch(sessionId)) return { ok: false, error: "SESSION_EXPIRED" };
    if (this.nodes.has(CONTROLLER_PATH)) return { ok: false, error: "NODE_EXISTS" };
    const epochNode = this.nodes.get(CONTROLLER_EPOCH_PATH);
    const epoch = (epochNode ? Number(epochNode.data) : 0) + 1;
    this.create(sessionId, CONTROLLER_PATH, JSON.stringify({ version: 2, brokerid: broker }), true);
    if (epochNode) {
      epochNode.data = String(epoch);
      epochNode.version++;
      this.trace.emit({ t: this.sim.nowMs, type: "zk.node.changed", path: CONTROLLER_EPOCH_PATH, data: epochNode.data });
    } else {
      this.nodes.set(CONTROLLER_EPOCH_PATH, { data: String(epoch), ephemeralOwner: null, version: 0 });
      this.trace.emit({ t: this.sim.nowMs, type: "zk.node.created", path: CONTROLLER_EPOCH_PATH, ephemeralOwner: null, data: String(epoch) });
    }
    return { ok: true, value: epoch };
  }

  /** A controller's write is refused once another controller has bumped the epoch (zombie fencing). */
  checkControllerEpoch(epoch: number): boolean {
    const node = this.nodes.get(CONTROLLER_EPOCH_PATH);
    return node !== undefined && Number(node.data) === epoch;
  }

  /** Current controller id as stored in /controller, or null. */
  controllerId(): BrokerId | null {
    const node = this.nodes.get(CONTROLLER_PATH);
    return node ? (JSON.parse(node.data) as { brokerid: number }).brokerid : null;
  }

  childrenOf(path: string): string[] {
    const prefix = path.endsWith("/") ? path : `${path}/`;
    const children: string[] = [];
    for (const key of this.nodes.keys()) {
      if (key.startsWith(prefix) && !key.slice(prefix.length).includes("/")) children.push(key.slice(prefix.length));
    }
    return children.sort();
  }

  private armExpiry(session: Session): void {
    session.expiry?.cancel();
    const due = session.lastHeardMs + session.timeoutMs;
    session.expiry = this.sim.scheduleAt(due, () => {
      if (!session.alive) return;
      if (this.sim.nowMs - session.lastHeardMs >= session.timeoutMs) this.expire(session);
      else this.armExpiry(session);
    });
  }

  private expire(session: Session): void {
    session.alive = false;
    this.trace.emit({ t: this.sim.nowMs, type: "zk.session.expired", broker: session.broker, session: session.id });
    const owned = [...this.nodes.entries()].filter(([, node]) => node.ephemeralOwner === session.id).map(([path]) => path);
    for (const path of owned) this.remove(path, "session-expired");
    this.sessions.delete(session.id);
  }

  private remove(path: string, why: "session-expired" | "deleted"): void {
    this.nodes.delete(path);
    this.trace.emit({ t: this.sim.nowMs, type: "zk.node.deleted", path, why });
    this.fire(path, "deleted");
    this.fireChildren(parentOf(path));
  }

  private addWatch(table: Map<string, Set<number>>, path: string, sessionId: number): void {
    let watchers = table.get(path);
    if (!watchers) table.set(path, (watchers = new Set()));
    if (!watchers.has(sessionId)) {
      watchers.add(sessionId);
      const broker = this.sessions.get(sessionId)?.broker;
      if (broker !== undefined) this.trace.emit({ t: this.sim.nowMs, type: "zk.watch.set", broker, path });
    }
  }

  /** Watches are one-shot: firing removes them, as in ZooKeeper. */
  private fire(path: string, event: WatchEvent): void {
    this.fireFrom(this.dataWatches, path, event);
  }

  private fireChildren(path: string): void {
    this.fireFrom(this.childWatches, path, "children");
  }

  private fireFrom(table: Map<string, Set<number>>, path: string, event: WatchEvent): void {
    const watchers = table.get(path);
    if (!watchers) return;
    table.delete(path);
    for (const sessionId of [...watchers].sort((a, b) => a - b)) {
      const session = this.sessions.get(sessionId);
      if (!session?.alive) continue;
      this.trace.emit({ t: this.sim.nowMs, type: "zk.watch.fired", broker: session.broker, path, event });
      session.notify(path, event);
    }
  }

  /** Re-arms the expiry timer of every live session after their pings moved lastHeardMs. */
  rearm(sessionId: number): void {
    const session = this.sessions.get(sessionId);
    if (session?.alive && !session.expiry) this.armExpiry(session);
  }
}

function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}
