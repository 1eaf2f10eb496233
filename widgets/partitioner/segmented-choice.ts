/**
 * A segmented choice for a value that is not a Kafka config (a send rate, a record size), drawn
 * exactly like the kit's config knobs (widgets/kit/knobs.ts: a radio group in a fieldset, so
 * arrow keys move between choices as screen readers expect), with the kit's classes.
 */
export interface SegmentedChoice<V extends string | number> {
  element: HTMLElement;
  show(value: V): void;
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
  const row = document.createElement("div");
  row.className = "kl-segmented-row";
  const inputs: HTMLInputElement[] = [];
  for (const choice of choices) {
    const input = document.createElement("input");
    input.type = "radio";
    input.name = id;
    input.id = `${id}-${choice}`;
    input.value = String(choice);
    input.className = "kl-segmented-input";
    input.addEventListener("change", () => {
      if (input.checked) onChange(choice);
    });
    const optionLabel = document.createElement("label");
    optionLabel.htmlFor = input.id;
    optionLabel.className = "kl-segmented-option";
    optionLabel.textContent = format(choice);
    inputs.push(input);
    row.append(input, optionLabel);
  }
  fieldset.append(legend, row);
  wrapper.append(fieldset);
  return {
    element: wrapper,
    show(value) {
      for (const input of inputs) input.checked = input.value === String(value);
    },
  };
}
