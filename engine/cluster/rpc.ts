import type { Network, NodeId } from "../kernel/network.js";
import type { Simulation } from "../kernel/simulation.js";

/** The caller's side of a request: its node, and whether it is still the same incarnation. */
export interface Endpoint {
  readonly nodeId: NodeId;
  /** False once the node crashed or restarted after sending: late responses are ignored. */
  isCurrent(incarnation: number): boolean;
  readonly incarnation: number;
}

export type RequestOutcome<Res> = { ok: true; response: Res } | { ok: false; error: "REQUEST_TIMED_OUT" | "NETWORK_EXCEPTION" };

/**
 * One request/response exchange over the simulated network. `serve` runs at the receiver
 * when the request arrives and answers through `respond` (now, or later for long polls and
 * delayed produces). `onOutcome` runs at the caller once: with the response, or with
 * REQUEST_TIMED_OUT when `timeoutMs` passes first (a lost request or response looks the
 * same to the caller, as it does in Kafka's NetworkClient), or with NETWORK_EXCEPTION when
 * the receiver is down and the connection is refused.
 */
export function request<Res>(
  sim: Simulation,
  net: Network,
  from: Endpoint,
  to: NodeId,
  kind: string,
  serve: (respond: (response: Res) => void) => void,
  onOutcome: (outcome: RequestOutcome<Res>) => void,
  timeoutMs: number,
): void {
  const incarnation = from.incarnation;
  let done = false;
  const timer = sim.schedule(timeoutMs, () => {
    if (done || !from.isCurrent(incarnation)) return;
    done = true;
    onOutcome({ ok: false, error: "REQUEST_TIMED_OUT" });
  });
  const refused = () => {
    if (done || !from.isCurrent(incarnation)) return;
    done = true;
    timer.cancel();
    onOutcome({ ok: false, error: "NETWORK_EXCEPTION" });
  };
  net.send(from.nodeId, to, kind, () => {
    serve((response) => {
      net.send(
        to,
        from.nodeId,
        `${kind}.response`,
        () => {
          if (done || !from.isCurrent(incarnation)) return;
          done = true;
          timer.cancel();
          onOutcome({ ok: true, response });
        },
        true,
      );
    });
  }, false, refused);
}

/** A one-way message (no response expected), e.g. a ZooKeeper watch notification. */
export function notify(net: Network, from: NodeId, to: NodeId, kind: string, deliver: () => void): void {
  net.send(from, to, kind, deliver);
}
