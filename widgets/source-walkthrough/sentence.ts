import { t, type MessageParams } from "../../content/i18n/t";
import type { StepParams, WalkStep } from "./steps";

/** A step's sentence in the reader's language (phrases inside it translated first). */
export function sentenceOf(step: WalkStep): string {
  return t(step.say, flatten(step.params));
}

function flatten(params: StepParams): MessageParams {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === "object" ? t(value.key, value.params) : value;
  return out;
}
