/**
 * Kafka's Heartbeat: the member's clocks, as due-times on the simulation's clock. The session
 * timer restarts on every successful heartbeat response, the poll timer on every poll(), and
 * the heartbeat timer on every heartbeat sent.
 */
export class Heartbeat {
  private lastHeartbeatSendMs = 0;
  private lastSessionResetMs = 0;
  private lastPollMs = 0;
  private heartbeatDueMs = 0;
  inFlight = false;

  constructor(
    readonly heartbeatIntervalMs: number,
    readonly sessionTimeoutMs: number,
    /** max.poll.interval.ms */
    readonly maxPollIntervalMs: number,
    readonly retryBackoffMs: number,
  ) {}

  poll(nowMs: number): void {
    this.lastPollMs = nowMs;
  }

  sentHeartbeat(nowMs: number): void {
    this.lastHeartbeatSendMs = nowMs;
    this.heartbeatDueMs = nowMs + this.heartbeatIntervalMs;
    this.inFlight = true;
  }

  receiveHeartbeat(nowMs: number): void {
    this.inFlight = false;
    this.lastSessionResetMs = nowMs;
  }

  /** A failed heartbeat is retried after retry.backoff.ms rather than a full interval. */
  failHeartbeat(nowMs: number): void {
    this.inFlight = false;
    this.heartbeatDueMs = nowMs + this.retryBackoffMs;
  }

  /** The heartbeat thread (re)starts: every clock starts now. */
  restartSessionTimers(nowMs: number): void {
    this.lastSessionResetMs = nowMs;
    this.heartbeatDueMs = nowMs + this.heartbeatIntervalMs;
    this.inFlight = false;
  }

  shouldHeartbeat(nowMs: number): boolean {
    return !this.inFlight && nowMs >= this.heartbeatDueMs;
  }

  sessionTimeoutExpired(nowMs: number): boolean {
    return nowMs - this.lastSessionResetMs >= this.sessionTimeoutMs;
  }

  pollTimeoutExpired(nowMs: number): boolean {
    return nowMs - this.lastPollMs > this.maxPollIntervalMs;
  }

  /** When the heartbeat thread must wake up next: the earliest of its three deadlines. */
  nextWakeupMs(): number {
    return Math.min(this.inFlight ? Number.POSITIVE_INFINITY : this.heartbeatDueMs, this.lastSessionResetMs + this.sessionTimeoutMs, this.lastPollMs + this.maxPollIntervalMs + 1);
  }

  get lastSentMs(): number {
    return this.lastHeartbeatSendMs;
  }
}
