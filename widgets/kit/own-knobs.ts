import type { ConfigDef, ConfigScope, ConfigUnit } from "../../engine/index";
import type { KnobSpec } from "./knobs";

/**
 * Knobs for values that are not Kafka configs (a number of consumers, a processing time, a
 * network latency, a commit strategy): each brings its own row shaped like the config table's
 * (KnobSpec.def), so it is drawn, checked and explained like a config knob. These build the
 * row and the knob the same way in every widget.
 */

/** A whole-number row: the slider runs from min to max in `step`s. */
export function intRow(row: { name: string; scope: ConfigScope; default: number; min: number; max: number; step: number; unit: ConfigUnit; doc: string }): ConfigDef {
  const { name, scope, min, max, step, unit, doc } = row;
  return { name, scope, type: "int", default: row.default, min, max, unit, doc, knob: { min, max, step } };
}

/** A row with a fixed set of string values, drawn as a segmented choice. */
export function choiceRow(row: { name: string; scope: ConfigScope; default: string; values: readonly string[]; doc: string }): ConfigDef {
  return { name: row.name, scope: row.scope, type: "string", default: row.default, validValues: [...row.values], doc: row.doc };
}

/** The knob of such a row: its scope and key are the row's, the rest (path, apply, read, labels) the widget's. */
export function ownKnob(def: ConfigDef, knob: Omit<KnobSpec, "scope" | "key" | "def">): KnobSpec {
  return { ...knob, scope: def.scope, key: def.name, def };
}
