import { ConfigException, findConfigDef, validateConfig, type ConfigDef, type ConfigScope, type ConfigValue, type Fault, type ScenarioInput } from "../../engine/index";
import { t, type MessageKey } from "../../content/i18n/t";
import { getAtPath } from "./fork";
import { createSegmentedRow } from "./segmented-choice";

/**
 * Controls generated from Kafka's config table: a slider for a number (the table's `knob`
 * range, with the value and unit shown), a switch for a boolean, a segmented choice for a
 * config with a fixed set of values. Every value goes through `validateConfig`, so a bad
 * value gets Kafka's own ConfigException message.
 */
export interface KnobSpec {
  /** Unique within the widget; also the form control's name. */
  id: string;
  /** The config's row in the table. */
  scope: ConfigScope;
  key: string;
  /** Where the value lives in the scenario, e.g. ["topics", 0, "config", "min.insync.replicas"]. */
  path: readonly (string | number)[];
  labelKey: MessageKey;
  /** For a segmented choice: the values offered, in order (default: the table's validValues). */
  choices?: readonly string[];
  /** For a segmented choice: a shorter label per value (e.g. "range" for Kafka's RangeAssignor class name). Default: the value. */
  choiceLabels?: Readonly<Record<string, string>>;
  /** For a slider: a range narrower than the table's knob (e.g. min.insync.replicas up to the replica count). */
  range?: { min: number; max: number; step: number };
  /**
   * How a change made in the middle of a run takes effect: the faults that apply the value at
   * time t (a topic config change, a producer's acks). Absent or returning null: the value is
   * written into the scenario itself and the whole run is simulated again from t = 0.
   */
  midRun?(value: ConfigValue, scenario: ScenarioInput): Fault[] | null;
  /** The value a fault of the scenario sets for this knob, if it is one of its mid-run faults. */
  fromFault?(fault: Fault): ConfigValue | undefined;
  /**
   * A knob that is not a Kafka config (the simulated network's latency, a number of records)
   * brings its own row, shaped like the config table's; its value is checked against the row's
   * type, min and max (or, for a row with validValues, against those). Absent: the row is
   * `scope`/`key` in the config table.
   */
  def?: ConfigDef;
  /**
   * Writes the value into the scenario when it is not a single path (one value read from
   * several places, e.g. two producers' linger.ms). Absent: the value is set at `path`.
   */
  apply?(scenario: ScenarioInput, value: ConfigValue): ScenarioInput;
  /**
   * Reads the value back when it is not at one path (e.g. a number of consumer workloads, the
   * counterpart of `apply`). Absent: the value at `path`.
   */
  read?(scenario: ScenarioInput): unknown;
}

export type KnobKind = "slider" | "switch" | "segmented";

/** How a knob is drawn, from its config's type. */
export function knobKind(def: ConfigDef, spec: Pick<KnobSpec, "choices">): KnobKind {
  if (def.type === "boolean") return "switch";
  if (spec.choices || def.validValues) return "segmented";
  return "slider";
}

/** The config row of a knob; throws naming the knob when the table has no such config. */
export function knobDef(spec: KnobSpec): ConfigDef {
  if (spec.def) return spec.def;
  const def = findConfigDef(spec.scope, spec.key);
  if (!def) throw new Error(`knob "${spec.id}": ${spec.scope} config "${spec.key}" is not in the config table (engine/config)`);
  return def;
}

/** The slider range: the knob's own, else the table's knob range, else the config's min..max. */
export function knobRange(spec: KnobSpec, def: ConfigDef): { min: number; max: number; step: number } {
  if (spec.range) return spec.range;
  if (def.knob) return { min: def.knob.min, max: def.knob.max, step: def.knob.step };
  return { min: def.min ?? 0, max: def.max ?? 100, step: 1 };
}

/**
 * The knob's value at time tMs: the scenario's value (or the table default), overridden by the
 * last of its mid-run faults at or before tMs.
 */
export function knobValueAt(spec: KnobSpec, scenario: ScenarioInput, tMs: number): ConfigValue {
  const def = knobDef(spec);
  const raw = spec.read ? spec.read(scenario) : getAtPath(scenario, spec.path);
  let value: ConfigValue = raw === undefined ? (def.default as ConfigValue) : safeValidate(spec, raw, def);
  if (spec.fromFault) {
    for (const fault of scenario.faults ?? []) {
      if (fault.atMs > tMs) continue;
      // A written fault may leave out fields that have defaults; fromFault reads only the knob's own field.
      const set = spec.fromFault(fault as Fault);
      if (set !== undefined) value = set;
    }
  }
  return value;
}

function safeValidate(spec: KnobSpec, raw: unknown, def: ConfigDef): ConfigValue {
  try {
    return validateKnob(spec, raw);
  } catch {
    return def.default as ConfigValue;
  }
}

/** A knob's value checked by the config table: the normalized value, or Kafka's error message. */
export function checkKnobValue(spec: KnobSpec, raw: unknown): { ok: true; value: ConfigValue } | { ok: false; message: string } {
  try {
    return { ok: true, value: validateKnob(spec, raw) };
  } catch (error) {
    if (error instanceof ConfigException) return { ok: false, message: error.message };
    throw error;
  }
}

/** The config table's check, or for a knob with its own row: a whole number within the row's min..max. */
function validateKnob(spec: KnobSpec, raw: unknown): ConfigValue {
  const def = spec.def;
  if (!def) return validateConfig(spec.scope, spec.key, raw);
  if (def.validValues) {
    if (typeof raw === "string" && def.validValues.includes(raw)) return raw;
    const allowedValues = `one of: ${def.validValues.join(", ")}`;
    throw new ConfigException({ key: def.name, value: raw, allowed: allowedValues, reason: `String must be ${allowedValues}` });
  }
  const allowed = `a whole number from ${def.min ?? "-infinity"} to ${def.max ?? "infinity"}`;
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isInteger(value)) throw new ConfigException({ key: def.name, value: raw, allowed, reason: `Expected ${allowed}` });
  if (def.min !== undefined && value < def.min) throw new ConfigException({ key: def.name, value: raw, allowed, reason: `Value must be at least ${def.min}` });
  if (def.max !== undefined && value > def.max) throw new ConfigException({ key: def.name, value: raw, allowed, reason: `Value must be no more than ${def.max}` });
  return value;
}

/** "4000 ms", "3 count" reads badly, so counts and records show the bare number. */
export function formatKnobValue(value: ConfigValue, def: ConfigDef): string {
  if (typeof value === "boolean") return value ? t("kit.knob.on") : t("kit.knob.off");
  if (value === null) return "null";
  if (typeof value === "number" && def.unit && def.unit !== "count" && def.unit !== "records") return `${value.toLocaleString("en-US")} ${def.unit}`;
  return Array.isArray(value) ? value.join(", ") : String(value);
}

export interface KnobControl {
  element: HTMLElement;
  /** Shows this value without firing a change. */
  show(value: ConfigValue): void;
  setDisabled(disabled: boolean): void;
}

/**
 * Builds the control for one knob. `onChange` receives the validated value; a refused value
 * shows Kafka's message beside the control instead.
 */
export function createKnobControl(spec: KnobSpec, uid: string, onChange: (value: ConfigValue) => void): KnobControl {
  const def = knobDef(spec);
  const kind = knobKind(def, spec);
  const wrapper = document.createElement("div");
  wrapper.className = `kl-knob kl-knob--${kind}`;
  const error = document.createElement("p");
  error.className = "kl-knob-error";
  error.id = `${uid}-${spec.id}-error`;
  error.hidden = true;
  const label = t(spec.labelKey);
  const commit = (raw: unknown): void => {
    const checked = checkKnobValue(spec, raw);
    if (!checked.ok) {
      error.textContent = checked.message;
      error.hidden = false;
      return;
    }
    error.hidden = true;
    onChange(checked.value);
  };
  const title = `${spec.key}: ${def.doc}`;

  if (kind === "slider") {
    const range = knobRange(spec, def);
    const id = `${uid}-${spec.id}`;
    const labelEl = document.createElement("label");
    labelEl.htmlFor = id;
    labelEl.className = "kl-knob-label";
    appendBreakable(labelEl, label);
    labelEl.title = title;
    const output = document.createElement("output");
    output.className = "kl-knob-value";
    output.htmlFor.add(id);
    const input = document.createElement("input");
    input.type = "range";
    input.id = id;
    input.name = spec.id;
    input.min = String(range.min);
    input.max = String(range.max);
    input.step = String(range.step);
    input.setAttribute("aria-describedby", error.id);
    // Sliders fire "input" while dragging; the run is cheap, but committing on "change" keeps one
    // fork per decision instead of dozens.
    input.addEventListener("input", () => {
      output.textContent = formatKnobValue(Number(input.value), def);
      input.setAttribute("aria-valuetext", output.textContent);
    });
    input.addEventListener("change", () => commit(Number(input.value)));
    const head = document.createElement("div");
    head.className = "kl-knob-head";
    head.append(labelEl, output);
    wrapper.append(head, input, error);
    return {
      element: wrapper,
      show(value) {
        input.value = String(value);
        output.textContent = formatKnobValue(value, def);
        input.setAttribute("aria-valuetext", output.textContent);
      },
      setDisabled(disabled) {
        input.disabled = disabled;
      },
    };
  }

  if (kind === "switch") {
    const id = `${uid}-${spec.id}`;
    const button = document.createElement("button");
    button.type = "button";
    button.id = id;
    button.className = "kl-switch";
    button.setAttribute("role", "switch");
    button.title = title;
    button.setAttribute("aria-describedby", error.id);
    const track = document.createElement("span");
    track.className = "kl-switch-track";
    track.setAttribute("aria-hidden", "true");
    const text = document.createElement("span");
    text.className = "kl-switch-label";
    appendBreakable(text, label);
    const state = document.createElement("span");
    state.className = "kl-switch-state";
    const row = document.createElement("span");
    row.className = "kl-switch-row";
    row.append(track, state);
    button.append(text, row);
    button.addEventListener("click", () => commit(button.getAttribute("aria-checked") !== "true"));
    wrapper.append(button, error);
    return {
      element: wrapper,
      show(value) {
        button.setAttribute("aria-checked", value === true ? "true" : "false");
        state.textContent = formatKnobValue(value === true, def);
      },
      setDisabled(disabled) {
        button.disabled = disabled;
      },
    };
  }

  // Segmented: a radio group, so arrow keys move between the choices as screen readers expect.
  const choices = spec.choices ?? def.validValues ?? [];
  const fieldset = document.createElement("fieldset");
  fieldset.className = "kl-segmented";
  fieldset.setAttribute("aria-describedby", error.id);
  const legend = document.createElement("legend");
  legend.className = "kl-knob-label";
  appendBreakable(legend, label);
  legend.title = title;
  fieldset.append(legend);
  const { row, show } = createSegmentedRow(
    `${uid}-${spec.id}`,
    choices,
    (choice) => spec.choiceLabels?.[choice] ?? choice,
    (choice) => commit(choice),
  );
  fieldset.append(row);
  wrapper.append(fieldset, error);
  return {
    element: wrapper,
    show,
    setDisabled(disabled) {
      fieldset.disabled = disabled;
    },
  };
}

/** Kafka's dotted names are long: allow a line break after each dot (<wbr>), nowhere else. */
function appendBreakable(element: HTMLElement, text: string): void {
  text.split(/(?<=\.)/).forEach((part, i) => {
    if (i > 0) element.append(document.createElement("wbr"));
    element.append(part);
  });
}
