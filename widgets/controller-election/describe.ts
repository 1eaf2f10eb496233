import { t } from "../../content/i18n/t";
import { formatSeconds } from "../kit/format";
import type { BrokerView, ControllerElectionView, ElectionState, SessionView } from "./fold";

/**
 * Words for the controller-election picture: the stage's labels and its text alternative
 * (the aria-label, which tests read too). Every string comes from the i18n catalog.
 */

export function stateLabel(state: ElectionState): string {
  return t(`controllerElection.state.${state}`);
}

/** "session 2 alive", "session 2 silent 3.1 s of 6.0 s", "session 2 expired", "no session". */
export function sessionLabel(session: SessionView | null, tMs: number): string {
  if (session === null) return t("controllerElection.session.none");
  if (session.status === "expired") return t("controllerElection.session.expired", { id: session.id });
  if (session.silentSinceMs !== null) {
    return t("controllerElection.session.silent", {
      id: session.id,
      elapsed: formatSeconds(Math.max(0, tMs - session.silentSinceMs)),
      timeout: formatSeconds(session.timeoutMs),
    });
  }
  return t("controllerElection.session.alive", { id: session.id });
}

/** "controller 2, epoch 1" from the broker's metadata cache, or "metadata cache empty". */
export function knowsLabel(broker: BrokerView): string {
  if (broker.knownController === null || broker.knownEpoch === null) return t("controllerElection.knowsNothing");
  return t("controllerElection.knows", { controller: broker.knownController, epoch: broker.knownEpoch });
}

/** The broker's state as shown on its card: a zombie is called out, a dead broker is "offline". */
export function brokerStatus(broker: BrokerView): string {
  if (broker.zombie) return t("controllerElection.zombie");
  return stateLabel(broker.state);
}

function describeBroker(broker: BrokerView, view: ControllerElectionView): string {
  const parts = [brokerStatus(broker), sessionLabel(broker.session, view.tMs)];
  for (const lingering of broker.lingeringSessions) parts.push(sessionLabel(lingering, view.tMs));
  if (broker.cutFromZk) parts.push(t("controllerElection.cutOff"));
  if (broker.watchesController) parts.push(t("controllerElection.watching"));
  if (broker.alive) parts.push(knowsLabel(broker));
  if (broker.race !== null) parts.push(t(`controllerElection.race.${broker.race}`));
  if (broker.rejectedCount > 0) parts.push(t("controllerElection.rejectedCount", { count: broker.rejectedCount }));
  return t("controllerElection.describe.broker", { id: broker.id, details: parts.join(", ") });
}

/** The stage's text alternative: what ZooKeeper holds, then each broker. */
export function describeControllerElection(view: ControllerElectionView): string {
  const sentences: string[] = [t("controllerElection.describe.time", { time: formatSeconds(view.tMs) })];
  sentences.push(
    view.controller === null
      ? t("controllerElection.describe.noController", { epoch: view.controllerEpoch })
      : t("controllerElection.describe.controller", { id: view.controller, epoch: view.controllerEpoch }),
  );
  const registered = view.znodes.filter((z) => z.path.startsWith("/brokers/ids/")).map((z) => z.path.slice("/brokers/ids/".length));
  sentences.push(t("controllerElection.describe.registered", { ids: registered.length === 0 ? t("controllerElection.describe.none") : registered.join(", ") }));
  if (view.controllerWatchers.length > 0) {
    sentences.push(t("controllerElection.describe.watchers", { ids: view.controllerWatchers.join(", ") }));
  }
  for (const broker of view.brokers) sentences.push(describeBroker(broker, view));
  const lastRejection = view.rejections[view.rejections.length - 1];
  if (lastRejection !== undefined) {
    sentences.push(t("controllerElection.describe.rejection", { broker: lastRejection.broker, request: lastRejection.request, detail: lastRejection.detail }));
  }
  return sentences.join(" ");
}
