import { t } from "../../content/i18n/t";
import { describeLookupStep, LOOKUP_STEP_COUNT, lookupSteps, parseOffsetInput } from "./lookup";
import { lastFrame, lookupStateOf, onRendered, setLookupState } from "./lookup-state";
import { renderLogSegments } from "./stage";

/**
 * The lookup tab's own controls, under the stage: an offset field (checked against
 * [log start offset, log end offset) of the log on the stage, with a message naming that range),
 * then Previous / Next to walk through the three steps. The state lives with the stage's SVG
 * (lookup-state.ts); the stage redraws from its last frame, with no new run.
 */
let panelCount = 0;

export function attachLookupPanel(element: HTMLElement): void {
  const stage = element.querySelector<HTMLElement>(".kl-stage");
  const svg = element.querySelector<SVGSVGElement>("svg.kl-stage-svg");
  if (!stage || !svg) return;
  const uid = `ls-lookup-${++panelCount}`;

  const form = document.createElement("form");
  form.className = "ls-lookup";
  form.noValidate = true;
  form.setAttribute("aria-label", t("logSegments.lookup.formLabel"));

  const row = document.createElement("div");
  row.className = "ls-lookup-row";
  const label = document.createElement("label");
  label.htmlFor = `${uid}-offset`;
  label.className = "ls-lookup-label";
  label.textContent = t("logSegments.lookup.label");
  const input = document.createElement("input");
  input.id = `${uid}-offset`;
  input.type = "text";
  input.inputMode = "numeric";
  input.autocomplete = "off";
  input.className = "ls-lookup-input";
  input.placeholder = t("logSegments.lookup.placeholder");
  const error = document.createElement("p");
  error.id = `${uid}-error`;
  error.className = "ls-lookup-error";
  error.setAttribute("role", "alert");
  error.hidden = true;
  input.setAttribute("aria-describedby", error.id);
  const go = document.createElement("button");
  go.type = "submit";
  go.className = "kl-action ls-lookup-go";
  go.textContent = t("logSegments.lookup.go");
  row.append(label, input, go);

  const nav = document.createElement("div");
  nav.className = "ls-lookup-nav";
  const prev = document.createElement("button");
  prev.type = "button";
  prev.className = "kl-action";
  prev.textContent = t("logSegments.lookup.prev");
  const next = document.createElement("button");
  next.type = "button";
  next.className = "kl-action";
  next.textContent = t("logSegments.lookup.next");
  const stepLabel = document.createElement("span");
  stepLabel.className = "ls-lookup-step";
  nav.append(prev, stepLabel, next);

  const text = document.createElement("p");
  text.className = "ls-lookup-text";
  text.setAttribute("aria-live", "polite");

  form.append(row, error, nav, text);
  stage.after(form);

  const redraw = (): void => {
    const frame = lastFrame(svg);
    if (frame) renderLogSegments(svg, frame.view, frame.ctx);
    else update();
  };

  /** Brings the panel's words in line with the stage's current frame and the lookup state. */
  const update = (): void => {
    const state = lookupStateOf(svg);
    const frame = lastFrame(svg);
    const inRange = frame !== null && state.offset !== null && state.offset >= frame.view.logStartOffset && state.offset < frame.view.logEndOffset;
    prev.disabled = !inRange || state.step <= 1;
    next.disabled = !inRange || state.step >= LOOKUP_STEP_COUNT;
    if (state.offset === null || state.step === 0 || frame === null) {
      stepLabel.textContent = "";
      text.textContent = t("logSegments.lookup.intro");
      return;
    }
    if (!inRange) {
      stepLabel.textContent = "";
      text.textContent = t("logSegments.lookup.notAtThisTime", { offset: state.offset, start: frame.view.logStartOffset, end: frame.view.logEndOffset });
      return;
    }
    stepLabel.textContent = t("logSegments.lookup.stepOf", { step: state.step, count: LOOKUP_STEP_COUNT });
    text.textContent = describeLookupStep(lookupSteps(frame.view, state.offset), state.step);
  };
  onRendered(svg, update);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const frame = lastFrame(svg);
    if (!frame) return;
    const parsed = parseOffsetInput(input.value, frame.view);
    if (!parsed.ok) {
      error.textContent = parsed.message;
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      return;
    }
    error.hidden = true;
    input.removeAttribute("aria-invalid");
    setLookupState(svg, { offset: parsed.offset, step: 1 });
    redraw();
  });
  prev.addEventListener("click", () => {
    const state = lookupStateOf(svg);
    setLookupState(svg, { ...state, step: Math.max(1, state.step - 1) });
    redraw();
  });
  next.addEventListener("click", () => {
    const state = lookupStateOf(svg);
    setLookupState(svg, { ...state, step: Math.min(LOOKUP_STEP_COUNT, state.step + 1) });
    redraw();
  });
  update();
}
