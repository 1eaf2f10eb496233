import type { BrokerId, Scenario, TraceEvent } from "../../engine/index";

/**
 * The controller-election picture at one moment, folded from the trace alone: the znodes
 * ZooKeeper holds, each broker's election state and ZooKeeper session, the watches on
 * /controller, what each broker's metadata cache believes, and the steps of the latest race.
 * Nothing here reaches into the engine: a broker's session, its watches and its beliefs are
 * exactly what the zk.*, controller.* and metadata.* events say.
 */

/** The election machine's states (engine/cluster/controller/election-machine.ts). */
export type ElectionState = "offline" | "connecting" | "registering" | "registerBackoff" | "campaigning" | "follower" | "controller";

export interface SessionView {
  id: number;
  timeoutMs: number;
  /** "alive" until ZooKeeper expires it; a crashed broker's session stays alive until then. */
  status: "alive" | "expired";
  /**
   * Since when ZooKeeper can no longer hear this session's heartbeats: the broker's crash or
   * the cut between it and ZooKeeper. Null while heartbeats can flow.
   */
  silentSinceMs: number | null;
  /** How much of the session timeout has passed in silence, 0..1 (1 once expired). */
  silenceRatio: number;
}

export type RaceStep = "attempt" | "lost" | "won";

export interface BrokerView {
  id: BrokerId;
  alive: boolean;
  state: ElectionState;
  /** The broker's newest ZooKeeper session (null before the first connect). */
  session: SessionView | null;
  /** Older sessions of this broker that ZooKeeper still keeps alive (a restart before expiry). */
  lingeringSessions: SessionView[];
  /** A network cut separates this broker from ZooKeeper. */
  cutFromZk: boolean;
  /** The broker holds a one-shot watch on /controller. */
  watchesController: boolean;
  /** From its metadata cache (UpdateMetadata): the controller it knows, and that controller's epoch. */
  knownController: BrokerId | null;
  knownEpoch: number | null;
  /** True when the broker believes it is the controller but /controller names someone else, or nobody. */
  zombie: boolean;
  /** Its part in the latest race, while that race is recent (see RECENT_WINDOW_MS). */
  race: RaceStep | null;
  /** The /controller watch fired at this broker recently. */
  watchFired: boolean;
  /** Requests it rejected for carrying a stale controller epoch, so far. */
  rejectedCount: number;
}

export interface ZnodeView {
  path: string;
  data: string;
  /** The broker whose session owns this ephemeral znode; null for persistent znodes. */
  ownerBroker: BrokerId | null;
  /** That session's id, when the trace lets us tell (the owner's newest session at creation). */
  ownerSession: number | null;
  /** Created or changed within the recent window. */
  fresh: boolean;
}

export interface RecentEvent {
  t: number;
  kind: "watch-fired" | "attempt" | "lost-race" | "elected" | "session-expired" | "node-deleted" | "rejected" | "epoch-changed" | "metadata";
  broker: BrokerId | null;
  detail: string;
}

export interface Rejection {
  t: number;
  broker: BrokerId;
  request: string;
  detail: string;
}

export interface ControllerElectionView {
  tMs: number;
  brokers: BrokerView[];
  /** Every znode the picture shows, sorted by path. */
  znodes: ZnodeView[];
  /** Broker named in /controller, or null while the znode is absent. */
  controller: BrokerId | null;
  /** The value of /controller_epoch (0 before the first election). */
  controllerEpoch: number;
  /** Brokers watching /controller. */
  controllerWatchers: BrokerId[];
  /** Events in the recent window, oldest first, for the stage's pulses. */
  recent: RecentEvent[];
  /** Every stale-epoch rejection so far, oldest first. */
  rejections: Rejection[];
  /** Znodes that vanished recently (drawn fading out). */
  vanished: { path: string; t: number; why: string }[];
  /** Some network cut is in force (between brokers, or with ZooKeeper). */
  networkCut: boolean;
}

/** How long (simulated ms) a race step, a fired watch or a vanished znode stays highlighted. */
export const RECENT_WINDOW_MS = 3_000;

export const CONTROLLER_PATH = "/controller";
export const CONTROLLER_EPOCH_PATH = "/controller_epoch";
export const BROKER_IDS_PREFIX = "/brokers/ids/";

interface SessionState {
  id: number;
  broker: BrokerId;
  timeoutMs: number;
  expiredAt: number | null;
  /** When the process that opened the session crashed: from then on nobody pings for it. */
  orphanedAt: number | null;
}

interface BrokerState {
  alive: boolean;
  state: ElectionState;
  knownController: BrokerId | null;
  knownEpoch: number | null;
  race: { step: RaceStep; t: number } | null;
  watchFiredAt: number | null;
  rejectedCount: number;
}

const ELECTION_STATES: ReadonlySet<string> = new Set(["offline", "connecting", "registering", "registerBackoff", "campaigning", "follower", "controller"]);

/** A node name the network uses for a broker ("broker-2"), as the cut events spell it. */
function brokerOfNode(node: string): BrokerId | null {
  const match = /^broker-(\d+)$/.exec(node);
  return match ? Number(match[1]) : null;
}

/** Folds the trace up to and including tMs into the picture. Pure and deterministic. */
export function foldControllerElection(trace: readonly TraceEvent[], tMs: number, scenario: Scenario): ControllerElectionView {
  const brokerCount = scenario.cluster.brokers;
  const brokers = new Map<BrokerId, BrokerState>();
  for (let id = 1; id <= brokerCount; id++) {
    brokers.set(id, { alive: false, state: "offline", knownController: null, knownEpoch: null, race: null, watchFiredAt: null, rejectedCount: 0 });
  }
  const sessions = new Map<number, SessionState>();
  /** The newest session per broker, to attribute the ephemeral znodes it creates. */
  const newestSession = new Map<BrokerId, number>();
  const znodes = new Map<string, { data: string; ownerBroker: BrokerId | null; ownerSession: number | null; changedAt: number }>();
  const watchers = new Set<BrokerId>();
  /** Brokers cut off from ZooKeeper, with the time of the cut. */
  const cutFromZk = new Map<BrokerId, number>();
  let networkCut = false;
  const recent: RecentEvent[] = [];
  const rejections: Rejection[] = [];
  const vanished: { path: string; t: number; why: string }[] = [];
  const windowStart = tMs - RECENT_WINDOW_MS;
  const noteRecent = (event: RecentEvent) => {
    if (event.t > windowStart) recent.push(event);
  };

  for (const e of trace) {
    if (e.t > tMs) break;
    switch (e.type) {
      case "broker.started": {
        const b = brokers.get(e.broker);
        if (b) b.alive = true;
        break;
      }
      case "broker.crashed": {
        const b = brokers.get(e.broker);
        // A crash empties the metadata cache; the session lives on at ZooKeeper until it times out.
        if (b) Object.assign(b, { alive: false, knownController: null, knownEpoch: null, race: null });
        for (const s of sessions.values()) if (s.broker === e.broker && s.expiredAt === null && s.orphanedAt === null) s.orphanedAt = e.t;
        break;
      }
      case "controller.state": {
        const b = brokers.get(e.broker);
        if (b && ELECTION_STATES.has(e.state)) b.state = e.state as ElectionState;
        break;
      }
      case "zk.session.created":
        sessions.set(e.session, { id: e.session, broker: e.broker, timeoutMs: e.timeoutMs, expiredAt: null, orphanedAt: null });
        newestSession.set(e.broker, e.session);
        break;
      case "zk.session.expired": {
        const s = sessions.get(e.session);
        if (s) s.expiredAt = e.t;
        // ZooKeeper drops an expired session's watches along with it.
        if (newestSession.get(e.broker) === e.session) watchers.delete(e.broker);
        noteRecent({ t: e.t, kind: "session-expired", broker: e.broker, detail: `session ${e.session}` });
        break;
      }
      case "zk.node.created":
        znodes.set(e.path, {
          data: e.data,
          ownerBroker: e.ephemeralOwner,
          ownerSession: e.ephemeralOwner === null ? null : (newestSession.get(e.ephemeralOwner) ?? null),
          changedAt: e.t,
        });
        break;
      case "zk.node.changed": {
        const node = znodes.get(e.path);
        if (node) Object.assign(node, { data: e.data, changedAt: e.t });
        else znodes.set(e.path, { data: e.data, ownerBroker: null, ownerSession: null, changedAt: e.t });
        if (e.path === CONTROLLER_EPOCH_PATH) noteRecent({ t: e.t, kind: "epoch-changed", broker: null, detail: e.data });
        break;
      }
      case "zk.node.deleted":
        znodes.delete(e.path);
        if (e.t > windowStart) vanished.push({ path: e.path, t: e.t, why: e.why });
        noteRecent({ t: e.t, kind: "node-deleted", broker: null, detail: e.path });
        break;
      case "zk.watch.set":
        if (e.path === CONTROLLER_PATH) watchers.add(e.broker);
        break;
      case "zk.watch.fired":
        if (e.path === CONTROLLER_PATH) {
          // Watches are one-shot: firing removes them.
          watchers.delete(e.broker);
          const b = brokers.get(e.broker);
          if (b) b.watchFiredAt = e.t;
          noteRecent({ t: e.t, kind: "watch-fired", broker: e.broker, detail: e.event });
        }
        break;
      case "controller.attempt": {
        const b = brokers.get(e.broker);
        if (b) b.race = { step: "attempt", t: e.t };
        noteRecent({ t: e.t, kind: "attempt", broker: e.broker, detail: "" });
        break;
      }
      case "controller.lost-race": {
        const b = brokers.get(e.broker);
        if (b) b.race = { step: "lost", t: e.t };
        noteRecent({ t: e.t, kind: "lost-race", broker: e.broker, detail: e.winner === null ? "" : String(e.winner) });
        break;
      }
      case "controller.elected": {
        const b = brokers.get(e.broker);
        if (b) b.race = { step: "won", t: e.t };
        noteRecent({ t: e.t, kind: "elected", broker: e.broker, detail: String(e.epoch) });
        break;
      }
      case "metadata.updated": {
        const b = brokers.get(e.broker);
        if (b) Object.assign(b, { knownController: e.controller, knownEpoch: e.controllerEpoch });
        noteRecent({ t: e.t, kind: "metadata", broker: e.broker, detail: String(e.controllerEpoch) });
        break;
      }
      case "request.rejected": {
        const b = brokers.get(e.broker);
        if (b) b.rejectedCount++;
        rejections.push({ t: e.t, broker: e.broker, request: e.request, detail: e.detail });
        noteRecent({ t: e.t, kind: "rejected", broker: e.broker, detail: `${e.request}: ${e.detail}` });
        break;
      }
      case "network.cut": {
        networkCut = true;
        const aHasZk = e.a.includes("zk");
        const bHasZk = e.b.includes("zk");
        const other = aHasZk ? e.b : bHasZk ? e.a : [];
        for (const node of other) {
          const id = brokerOfNode(node);
          if (id !== null && !cutFromZk.has(id)) cutFromZk.set(id, e.t);
        }
        break;
      }
      case "network.healed":
        networkCut = false;
        cutFromZk.clear();
        break;
      default:
        break;
    }
  }

  const controllerNode = znodes.get(CONTROLLER_PATH);
  const controller = controllerNode ? parseControllerId(controllerNode.data) : null;
  const epochNode = znodes.get(CONTROLLER_EPOCH_PATH);
  const controllerEpoch = epochNode ? Number(epochNode.data) : 0;

  const sessionView = (s: SessionState): SessionView => {
    // ZooKeeper stops hearing a session once its process crashed or the network between the
    // broker and ZooKeeper was cut, whichever came first. Approximate: the last ping may have
    // come up to a third of the timeout earlier, so the session can expire before the bar fills.
    const cutAt = cutFromZk.get(s.broker) ?? Infinity;
    const since = Math.min(s.orphanedAt ?? Infinity, cutAt);
    const silentSinceMs = s.expiredAt !== null || since === Infinity ? null : since;
    const silenceRatio = s.expiredAt !== null ? 1 : silentSinceMs === null ? 0 : Math.min(1, Math.max(0, (tMs - silentSinceMs) / s.timeoutMs));
    return { id: s.id, timeoutMs: s.timeoutMs, status: s.expiredAt === null ? "alive" : "expired", silentSinceMs, silenceRatio };
  };

  const brokerViews: BrokerView[] = [];
  for (const [id, b] of brokers) {
    const newest = newestSession.get(id);
    const own = [...sessions.values()].filter((s) => s.broker === id);
    const lingering = own.filter((s) => s.id !== newest && s.expiredAt === null).map(sessionView);
    brokerViews.push({
      id,
      alive: b.alive,
      state: b.state,
      session: newest === undefined ? null : sessionView(sessions.get(newest)!),
      lingeringSessions: lingering,
      cutFromZk: cutFromZk.has(id),
      watchesController: watchers.has(id),
      knownController: b.knownController,
      knownEpoch: b.knownEpoch,
      zombie: b.alive && b.state === "controller" && controller !== id,
      race: b.race !== null && b.race.t > windowStart ? b.race.step : null,
      watchFired: b.watchFiredAt !== null && b.watchFiredAt > windowStart,
      rejectedCount: b.rejectedCount,
    });
  }

  const znodeViews: ZnodeView[] = [...znodes.entries()]
    .filter(([path]) => path === CONTROLLER_PATH || path === CONTROLLER_EPOCH_PATH || path.startsWith(BROKER_IDS_PREFIX))
    .map(([path, node]) => ({ path, data: node.data, ownerBroker: node.ownerBroker, ownerSession: node.ownerSession, fresh: node.changedAt > windowStart }))
    .sort((x, y) => comparePaths(x.path, y.path));

  return {
    tMs,
    brokers: brokerViews,
    znodes: znodeViews,
    controller,
    controllerEpoch,
    controllerWatchers: [...watchers].sort((a, b) => a - b),
    recent,
    rejections,
    vanished,
    networkCut,
  };
}

/** The broker id in /controller's data ({"version":2,"brokerid":2}), or null when unreadable. */
export function parseControllerId(data: string): BrokerId | null {
  try {
    const parsed = JSON.parse(data) as { brokerid?: unknown };
    return typeof parsed.brokerid === "number" ? parsed.brokerid : null;
  } catch {
    return null;
  }
}

/** /controller, /controller_epoch, then /brokers/ids/1, /brokers/ids/2 ... in numeric order. */
function comparePaths(a: string, b: string): number {
  const rank = (p: string) => (p === CONTROLLER_PATH ? 0 : p === CONTROLLER_EPOCH_PATH ? 1 : 2);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  const na = Number(a.slice(BROKER_IDS_PREFIX.length));
  const nb = Number(b.slice(BROKER_IDS_PREFIX.length));
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a < b ? -1 : a > b ? 1 : 0;
}
