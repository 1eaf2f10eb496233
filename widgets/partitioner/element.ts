/**
 * Registers <kl-partitioner>; loaded by Partitioner.astro when the figure comes into view.
 *
 * Why not defineWidget: this figure has no timeline. Part one is a pure function of the keys and
 * the partition count (murmur2 needs no simulation), and part two compares three finished runs
 * side by side, which a static chart teaches better than three players would. So it is a
 * StaticWidgetElement (widgets/kit/static-widget.ts: the kit's anatomy without a player) and
 * keeps its state in the URL hash.
 */
import { t } from "../../content/i18n/t";
import { describeKeys, describeParse } from "./describe";
import { formatKeys, generateKeys, GENERATE_MAX, GENERATE_MIN, parseKeys } from "./keys";
import { renderKeyTable, renderStrip } from "./key-table";
import { keyRows, MAX_PARTITIONS, MIN_PARTITIONS, movedKeys } from "./rows";
import { decodeHash, DEFAULT_STATE, mergeHash, type PartitionerState } from "./state";
import { ComparePanel } from "./compare-panel";
import { StaticWidgetElement, type DecodedUrlState } from "../kit/static-widget";

export class PartitionerElement extends StaticWidgetElement<PartitionerState> {
  state: PartitionerState = DEFAULT_STATE;

  private textarea!: HTMLTextAreaElement;
  private parseNote!: HTMLParagraphElement;
  private countInput!: HTMLInputElement;
  private countError!: HTMLParagraphElement;
  private partitionsInput!: HTMLInputElement;
  private partitionsOutput!: HTMLOutputElement;
  private status!: HTMLParagraphElement;
  private strip!: HTMLOListElement;
  private table!: HTMLTableElement;
  private tableBox!: HTMLDivElement;
  private empty!: HTMLParagraphElement;
  private compare!: ComparePanel;

  constructor() {
    super("partitioner", "partitioner.title");
  }

  protected decodeUrl(hash: string, urlKey: string): DecodedUrlState<PartitionerState> {
    return decodeHash(hash, urlKey);
  }

  protected encodeUrl(hash: string, urlKey: string): string {
    return mergeHash(hash, urlKey, this.state);
  }

  protected start(fromUrl: PartitionerState | null): void {
    if (fromUrl) this.state = fromUrl;
    this.textarea.value = formatKeys(this.state.keys);
    this.partitionsInput.value = String(this.state.partitions);
    this.renderKeys();
    this.compare.show(this.state);
  }

  // ---- Anatomy -------------------------------------------------------------------------------

  protected buildBody(): HTMLElement[] {
    this.compare = new ComparePanel(this.uid, (knobs) => {
      this.state = { ...this.state, ...knobs };
    });
    return [this.buildKeysPart(), this.compare.element];
  }

  private buildKeysPart(): HTMLElement {
    const part = document.createElement("section");
    part.className = "klp-part";
    part.setAttribute("aria-labelledby", `${this.uid}-keys-title`);
    const heading = document.createElement("p");
    heading.className = "klp-part-title";
    heading.id = `${this.uid}-keys-title`;
    heading.textContent = t("partitioner.keys.title");

    const controls = document.createElement("div");
    controls.className = "kl-controls klp-key-controls";

    // The keys themselves.
    const keysField = document.createElement("div");
    keysField.className = "kl-knob klp-keys-field";
    const keysLabel = document.createElement("label");
    keysLabel.className = "kl-knob-label";
    keysLabel.htmlFor = `${this.uid}-keys`;
    keysLabel.textContent = t("partitioner.keys.label");
    this.textarea = document.createElement("textarea");
    this.textarea.id = `${this.uid}-keys`;
    this.textarea.className = "klp-textarea";
    this.textarea.rows = 5;
    this.textarea.spellcheck = false;
    this.textarea.setAttribute("autocapitalize", "off");
    this.parseNote = document.createElement("p");
    this.parseNote.className = "klp-note";
    this.parseNote.id = `${this.uid}-keys-note`;
    this.textarea.setAttribute("aria-describedby", this.parseNote.id);
    this.textarea.addEventListener("input", () => this.onKeysTyped());
    keysField.append(keysLabel, this.textarea, this.parseNote);

    // Generate keys: how many, and the button.
    const generate = document.createElement("div");
    generate.className = "kl-knob klp-generate";
    const countLabel = document.createElement("label");
    countLabel.className = "kl-knob-label";
    countLabel.htmlFor = `${this.uid}-count`;
    countLabel.textContent = t("partitioner.generate.count");
    this.countInput = document.createElement("input");
    this.countInput.type = "number";
    this.countInput.id = `${this.uid}-count`;
    this.countInput.className = "klp-count";
    this.countInput.min = String(GENERATE_MIN);
    this.countInput.max = String(GENERATE_MAX);
    this.countInput.step = "1";
    this.countInput.value = "12";
    this.countError = document.createElement("p");
    this.countError.className = "kl-knob-error";
    this.countError.id = `${this.uid}-count-error`;
    this.countError.hidden = true;
    this.countInput.setAttribute("aria-describedby", this.countError.id);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kl-action";
    button.textContent = t("partitioner.generate.button");
    button.addEventListener("click", () => this.onGenerate());
    this.countInput.addEventListener("keydown", (event) => {
      if (event.key === "Enter") this.onGenerate();
    });
    const generateRow = document.createElement("div");
    generateRow.className = "klp-generate-row";
    generateRow.append(this.countInput, button);
    generate.append(countLabel, generateRow, this.countError);

    // The partition count.
    const partitions = document.createElement("div");
    partitions.className = "kl-knob kl-knob--slider";
    const partitionsHead = document.createElement("div");
    partitionsHead.className = "kl-knob-head";
    const partitionsLabel = document.createElement("label");
    partitionsLabel.className = "kl-knob-label";
    partitionsLabel.htmlFor = `${this.uid}-partitions`;
    partitionsLabel.textContent = t("partitioner.partitions.label");
    this.partitionsOutput = document.createElement("output");
    this.partitionsOutput.className = "kl-knob-value";
    this.partitionsOutput.htmlFor.add(`${this.uid}-partitions`);
    partitionsHead.append(partitionsLabel, this.partitionsOutput);
    this.partitionsInput = document.createElement("input");
    this.partitionsInput.type = "range";
    this.partitionsInput.id = `${this.uid}-partitions`;
    this.partitionsInput.min = String(MIN_PARTITIONS);
    this.partitionsInput.max = String(MAX_PARTITIONS);
    this.partitionsInput.step = "1";
    // While dragging only the readout follows; the table (and the "moved" marks, which compare
    // with the count before the change) update when the reader lets go, as the kit's sliders do.
    this.partitionsInput.addEventListener("input", () => this.showPartitionsValue(Number(this.partitionsInput.value)));
    this.partitionsInput.addEventListener("change", () => this.onPartitions(Number(this.partitionsInput.value)));
    partitions.append(partitionsHead, this.partitionsInput);

    controls.append(keysField, generate, partitions);

    this.status = document.createElement("p");
    this.status.className = "klp-status";
    this.status.setAttribute("role", "status");

    this.strip = document.createElement("ol");
    this.strip.className = "klp-strip";
    this.strip.setAttribute("aria-label", t("partitioner.strip.label"));

    this.empty = document.createElement("p");
    this.empty.className = "klp-empty";
    this.empty.textContent = t("partitioner.empty");
    this.empty.hidden = true;

    this.table = document.createElement("table");
    this.table.className = "klp-table";
    this.tableBox = document.createElement("div");
    this.tableBox.className = "klp-table-box";
    // A table wider than a phone scrolls sideways; the box must then be reachable by keyboard.
    this.tableBox.tabIndex = 0;
    this.tableBox.setAttribute("role", "region");
    this.tableBox.setAttribute("aria-label", t("partitioner.table.caption"));
    this.tableBox.append(this.table);

    part.append(heading, controls, this.status, this.strip, this.empty, this.tableBox);
    return part;
  }

  // ---- Reader actions ------------------------------------------------------------------------

  private onKeysTyped(): void {
    const parsed = parseKeys(this.textarea.value);
    this.state = { ...this.state, keys: parsed.keys };
    this.parseNote.textContent = describeParse(parsed);
    this.renderKeys();
  }

  private onGenerate(): void {
    const count = Number(this.countInput.value);
    let keys: string[];
    try {
      keys = generateKeys(this.countInput.value.trim() === "" ? Number.NaN : count);
    } catch (error) {
      this.countError.textContent = error instanceof Error ? error.message : String(error);
      this.countError.hidden = false;
      this.countInput.setAttribute("aria-invalid", "true");
      return;
    }
    this.countError.hidden = true;
    this.countInput.removeAttribute("aria-invalid");
    this.textarea.value = formatKeys(keys);
    this.parseNote.textContent = "";
    this.state = { ...this.state, keys };
    this.renderKeys();
  }

  private onPartitions(partitions: number): void {
    if (partitions === this.state.partitions) return;
    this.state = { ...this.state, previousPartitions: this.state.partitions, partitions };
    this.renderKeys();
  }

  protected startOver(): void {
    this.state = DEFAULT_STATE;
    this.textarea.value = formatKeys(this.state.keys);
    this.partitionsInput.value = String(this.state.partitions);
    this.parseNote.textContent = "";
    this.countError.hidden = true;
    this.hideMessage();
    this.renderKeys();
    this.compare.show(this.state);
  }

  // ---- Drawing -------------------------------------------------------------------------------

  private showPartitionsValue(partitions: number): void {
    this.partitionsOutput.textContent = String(partitions);
    this.partitionsInput.setAttribute("aria-valuetext", t("partitioner.partitions.valueText", { count: partitions }));
  }

  private renderKeys(): void {
    const { keys, partitions, previousPartitions } = this.state;
    this.showPartitionsValue(partitions);
    const rows = keyRows(keys, partitions);
    const moves = previousPartitions === null ? [] : movedKeys(keys, previousPartitions, partitions);
    this.status.textContent = describeKeys(rows, partitions, previousPartitions, moves);
    const isEmpty = rows.length === 0;
    this.empty.hidden = !isEmpty;
    this.tableBox.hidden = isEmpty;
    this.strip.hidden = isEmpty;
    renderStrip(this.strip, rows, partitions);
    renderKeyTable(this.table, rows, partitions, moves);
    const caption = document.createElement("caption");
    caption.textContent = t("partitioner.table.caption");
    this.table.prepend(caption);
  }
}

if (!customElements.get("kl-partitioner")) customElements.define("kl-partitioner", PartitionerElement);
