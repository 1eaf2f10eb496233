/**
 * The "Check" button of every exercise: it finds the nearest widget above the exercise (the
 * last <kl-*> element before it in the page), asks it for its current run (`result`, public on
 * every widget), and runs the exercise's goal check on it, announcing the outcome politely.
 * The goals (and the engine behind them) are loaded on the first click, not with the page.
 */
import { t } from "../../content/i18n/t";
import { LOAD_EVENT } from "../kit/lazy";
import type { KafkaLabWidget } from "../kit/define-widget";

function precedingWidget(section: HTMLElement): HTMLElement | null {
  let found: HTMLElement | null = null;
  for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
    if (!element.tagName.startsWith("KL-")) continue;
    if (element.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING) found = element;
    else break;
  }
  return found;
}

async function widgetResult(element: HTMLElement): Promise<KafkaLabWidget["result"]> {
  const tag = element.tagName.toLowerCase();
  if (!customElements.get(tag)) element.dispatchEvent(new CustomEvent(LOAD_EVENT));
  await customElements.whenDefined(tag);
  const widget = element as KafkaLabWidget;
  await widget.ready;
  return widget.result;
}

function show(region: HTMLElement, passed: boolean | null, text: string): void {
  region.classList.toggle("is-passed", passed === true);
  region.classList.toggle("is-failed", passed === false);
  region.textContent = "";
  if (passed !== null) {
    const status = document.createElement("strong");
    status.textContent = t(passed ? "exercise.passed" : "exercise.failed");
    region.append(status, " ");
  }
  region.append(text);
}

for (const section of document.querySelectorAll<HTMLElement>("[data-exercise-id]")) {
  const id = section.dataset.exerciseId ?? "";
  const button = section.querySelector<HTMLButtonElement>(".exercise-check-button");
  const region = section.querySelector<HTMLElement>(".exercise-result");
  if (!button || !region) continue;
  button.addEventListener("click", async () => {
    const widget = precedingWidget(section);
    if (!widget) return show(region, null, t("exercise.noWidget"));
    button.disabled = true;
    show(region, null, t("exercise.checking"));
    try {
      const [result, { checkGoal }] = await Promise.all([widgetResult(widget), import("./goals")]);
      if (!result) return show(region, null, t("exercise.noRun"));
      const answers: Record<string, string> = {};
      for (const input of section.querySelectorAll<HTMLInputElement>("input[data-answer]")) answers[input.dataset.answer ?? ""] = input.value;
      const outcome = checkGoal(id, result, answers);
      show(region, outcome.passed, outcome.message);
    } finally {
      button.disabled = false;
    }
  });
}
