import type { Timer } from "../../kernel/simulation.js";

/**
 * Kafka's CoordinatorTimer: operations scheduled by key, on the simulation's queue (through the
 * broker, so a crash cancels them). Scheduling a key again replaces the pending operation, as
 * Kafka's timer does (a heartbeat reschedules the member's session expiry).
 */
export class CoordinatorTimer {
  private readonly pending = new Map<string, Timer>();

  constructor(private readonly after: (delayMs: number, action: () => void) => Timer) {}

  schedule(key: string, delayMs: number, operation: () => void): void {
    this.cancel(key);
    const timer = this.after(Math.max(0, delayMs), () => {
      if (this.pending.get(key) !== timer) return;
      this.pending.delete(key);
      operation();
    });
    this.pending.set(key, timer);
  }

  cancel(key: string): void {
    this.pending.get(key)?.cancel();
    this.pending.delete(key);
  }

  isScheduled(key: string): boolean {
    return this.pending.has(key);
  }

  /** Cancels every operation of a group (its join, sync and member timers), when the group is unloaded. */
  cancelGroup(groupId: string): void {
    const prefix = `${groupId}\u0000`;
    for (const key of [...this.pending.keys()]) if (key.startsWith(prefix)) this.cancel(key);
  }

  /** Forgets everything: the broker crashed and its queue entries were cancelled with it. */
  clear(): void {
    for (const timer of this.pending.values()) timer.cancel();
    this.pending.clear();
  }
}

/** Kafka's timer keys, prefixed by the group id so a group's timers can be cancelled together. */
export const classicGroupJoinKey = (groupId: string) => `${groupId}\u0000join`;
export const classicGroupSyncKey = (groupId: string) => `${groupId}\u0000sync`;
export const classicGroupHeartbeatKey = (groupId: string, memberId: string) => `${groupId}\u0000heartbeat\u0000${memberId}`;
