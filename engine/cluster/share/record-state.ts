import type { Timer } from "../../kernel/simulation.js";

/**
 * The state of one in-flight record of a share-partition (Kafka's SharePartition.RecordState).
 * AVAILABLE records may be handed out; ACQUIRED ones are locked to one member until it
 * acknowledges them or the lock times out; ACKNOWLEDGED and ARCHIVED are final.
 */
export type RecordState = "AVAILABLE" | "ACQUIRED" | "ACKNOWLEDGED" | "ARCHIVED";

/** What a share consumer says about a record it processed (Kafka's AcknowledgeType). */
export type AcknowledgeType = "ACCEPT" | "RELEASE" | "REJECT";

/** AcknowledgeType's wire ids; 0 (GAP) is sent by clients for offsets missing from a compacted log. */
export const acknowledgeTypeIds: Readonly<Record<AcknowledgeType | "GAP", number>> = { GAP: 0, ACCEPT: 1, RELEASE: 2, REJECT: 3 };

/** SharePartition.fetchRecordState: ACCEPT acknowledges, RELEASE makes available again, REJECT (and GAP) archives. */
export function recordStateFor(type: AcknowledgeType | "GAP"): RecordState {
  switch (type) {
    case "ACCEPT":
      return "ACKNOWLEDGED";
    case "RELEASE":
      return "AVAILABLE";
    case "REJECT":
    case "GAP":
      return "ARCHIVED";
  }
}

/** Kafka's empty member id (Uuid.ZERO_UUID): a record nobody holds. */
export const EMPTY_MEMBER_ID = "AAAAAAAAAAAAAAAAAAAAAA";

/** The acquisition lock of a range of records: one timer, shared until every record in it is settled. */
export interface AcquisitionLock {
  readonly memberId: string;
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly expirationMs: number;
  /** How many records still hold this lock; the timer is cancelled when it reaches 0. */
  holders: number;
  timer: Timer | null;
}

/**
 * RecordState.validateTransition: only AVAILABLE -> ACQUIRED and ACQUIRED -> anything else.
 * Returns null when the transition is legal, else the reason it is not.
 */
export function invalidTransition(from: RecordState, to: RecordState): string | null {
  if (from === to) return "The state transition is invalid as the new state is the same as the current state";
  if (from === "ACKNOWLEDGED" || from === "ARCHIVED") return `The state transition is invalid from the current state: ${from}`;
  if (from === "AVAILABLE" && to !== "ACQUIRED") return "The state can only be transitioned to ACQUIRED from AVAILABLE";
  return null;
}

/**
 * One record's state, delivery count and owner (Kafka's InFlightState). Transitions can be
 * started and then committed or rolled back, so an acknowledgement that fails half way leaves
 * every record as it was (SharePartition.rollbackOrProcessStateUpdates).
 */
export class InFlightState {
  private rollback: { state: RecordState; deliveryCount: number; memberId: string } | null = null;

  constructor(
    public state: RecordState,
    public deliveryCount: number,
    public memberId: string,
    public lock: AcquisitionLock | null = null,
  ) {}

  /**
   * InFlightState.tryUpdateState: a release of a record already delivered `maxDeliveryCount`
   * times archives it instead; an acquisition counts one more delivery. Returns false (and
   * changes nothing) when the transition is illegal.
   */
  tryUpdateState(newState: RecordState, incrementDeliveryCount: boolean, maxDeliveryCount: number, newMemberId: string): boolean {
    let target = newState;
    if (target === "AVAILABLE" && this.deliveryCount >= maxDeliveryCount) target = "ARCHIVED";
    if (invalidTransition(this.state, target) !== null) return false;
    this.state = target;
    if (incrementDeliveryCount && target !== "ARCHIVED") this.deliveryCount++;
    this.memberId = newMemberId;
    return true;
  }

  /** InFlightState.startStateTransition: remembers the state to roll back to. */
  startStateTransition(newState: RecordState, incrementDeliveryCount: boolean, maxDeliveryCount: number, newMemberId: string): boolean {
    this.rollback = { state: this.state, deliveryCount: this.deliveryCount, memberId: this.memberId };
    return this.tryUpdateState(newState, incrementDeliveryCount, maxDeliveryCount, newMemberId);
  }

  completeStateTransition(commit: boolean): void {
    if (!commit && this.rollback) {
      this.state = this.rollback.state;
      this.deliveryCount = this.rollback.deliveryCount;
      this.memberId = this.rollback.memberId;
    }
    this.rollback = null;
  }

  hasOngoingStateTransition(): boolean {
    return this.rollback !== null;
  }

  /** Drops this record's hold on its acquisition lock, cancelling the timer once nobody holds it. */
  releaseLock(): void {
    const lock = this.lock;
    if (!lock) return;
    this.lock = null;
    lock.holders--;
    if (lock.holders <= 0 && lock.timer) {
      lock.timer.cancel();
      lock.timer = null;
    }
  }
}

/** A record is settled for good once it is ACKNOWLEDGED or ARCHIVED (SharePartition.isRecordStateAcknowledged). */
export function isSettled(state: RecordState): boolean {
  return state === "ACKNOWLEDGED" || state === "ARCHIVED";
}
