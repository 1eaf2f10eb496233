/**
 * A segmented choice: a radio group in a fieldset, so arrow keys move between the choices as
 * screen readers expect, with the kit's classes. knobs.ts draws a config knob with a fixed set
 * of values with it; createSegmentedChoice is the same control for a value that is not a Kafka
 * config (a send rate, a record size).
 */
export interface SegmentedChoice<V extends string | number> {
  element: HTMLElement;
  show(value: V): void;
}

/**
 * The row of radio buttons and their labels: input ids are `<name>-<choice>`. `onPick` runs when
 * the reader picks a choice; `show` checks a value without firing it.
 */
export function createSegmentedRow<V extends string | number>(
  name: string,
  choices: readonly V[],
  labelOf: (value: V) => string,
  onPick: (value: V) => void,
): { row: HTMLDivElement; show(value: V | string | number | boolean | null | readonly string[]): void } {
  const row = document.createElement("div");
  row.className = "kl-segmented-row";
  const inputs: HTMLInputElement[] = [];
  for (const choice of choices) {
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.id = `${name}-${choice}`;
    input.value = String(choice);
    input.className = "kl-segmented-input";
    input.addEventListener("change", () => {
      if (input.checked) onPick(choice);
    });
    const optionLabel = document.createElement("label");
    optionLabel.htmlFor = input.id;
    optionLabel.className = "kl-segmented-option";
    optionLabel.textContent = labelOf(choice);
    inputs.push(input);
    row.append(input, optionLabel);
  }
  return {
    row,
    show(value) {
      for (const input of inputs) input.checked = input.value === String(value);
    },
  };
}

export function createSegmentedChoice<V extends string | number>(options: {
  id: string;
  label: string;
  choices: readonly V[];
  format?: (value: V) => string;
  onChange: (value: V) => void;
}): SegmentedChoice<V> {
  const { id, label, choices, onChange } = options;
  const format = options.format ?? ((value: V) => String(value));
  const wrapper = document.createElement("div");
  wrapper.className = "kl-knob kl-knob--segmented";
  const fieldset = document.createElement("fieldset");
  fieldset.className = "kl-segmented";
  const legend = document.createElement("legend");
  legend.className = "kl-knob-label";
  legend.textContent = label;
  const { row, show } = createSegmentedRow(id, choices, format, onChange);
  fieldset.append(legend, row);
  wrapper.append(fieldset);
  return { element: wrapper, show };
}
