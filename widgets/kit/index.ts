/**
 * The widget kit, one concept per module (see CONTRACT.md). Widgets import what they need
 * from here or from the module itself.
 */
export { defineWidget, WidgetElement, type KafkaLabWidget } from "./define-widget";
export type { ActionSpec, StageContext, WidgetSpec } from "./spec";
export { Player, SPEEDS, nextStop, previousStop, stopsOf, type PlayerOptions, type PlayerState, type Speed } from "./player";
export { Fork, addFault, applyAction, cloneScenario, faultTime, getAtPath, setAtPath, type ForkAction, type ForkRecord, type Ghost } from "./fork";
export { StaticWidgetElement, type DecodedUrlState } from "./static-widget";
export { beginAnatomy, copyWidgetLink, createLinkTools, createMessagePanel } from "./anatomy";
export { decodeFields, decodeState, encodeState, fromBase64Url, mergeFields, mergeState, splitHash, toBase64Url, type DecodedFields, type DecodedState, type WidgetState } from "./url-state";
export { checkKnobValue, createKnobControl, formatKnobValue, knobDef, knobKind, knobRange, knobValueAt, type KnobControl, type KnobKind, type KnobSpec } from "./knobs";
export { choiceRow, intRow, ownKnob } from "./own-knobs";
export { createSegmentedChoice, createSegmentedRow, type SegmentedChoice } from "./segmented-choice";
export { chartPanel, tableHead } from "./chart-panel";
export { EventLog, Narrator, isNoisy, latestStoryEvent, narrate } from "./event-log";
export { VerdictBadges, verdictItems, type BadgeVerdict, type VerdictKind, type VerdictLabelKeys } from "./verdict";
export { Timeline, faultLabel, faultMark, type TimelineMark } from "./timeline";
export {
  createStage,
  ensureDefs,
  joinNodeBadges,
  joinRecords,
  layer,
  nodeClass,
  nodeStateLabel,
  sizeStage,
  translate,
  PRODUCER_COLOURS,
  RECORD_SIZE,
  SVG_NS,
  type NodeBadge,
  type NodeState,
  type RecordBlock,
} from "./stage";
export { loadWhenVisible, LOAD_EVENT } from "./lazy";
export { formatDuration, formatList, formatNode, formatOffsetRange, formatSeconds, formatTopicPartition } from "./format";
