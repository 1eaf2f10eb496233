/**
 * Registers <kl-log-segments>; loaded by LogSegments.astro when the figure comes into view.
 *
 * Why a subclass rather than defineWidget: the two tabs ("lookup", "retention") share the
 * element but not the knobs or the pace, and a WidgetSpec is one object per element type. Each
 * element gets its own copy of the spec, filled in for its preset before the kit builds the
 * controls, and the lookup tab adds its offset field under the stage.
 */
import { WidgetElement } from "../kit/define-widget";
import type { WidgetSpec } from "../kit/spec";
import type { LogSegmentsView } from "./fold";
import { attachLookupPanel } from "./lookup-panel";
import { modeOf } from "./presets";
import { logSegmentsSpec } from "./widget";

class LogSegmentsElement extends WidgetElement<LogSegmentsView> {
  private readonly ownSpec: WidgetSpec<LogSegmentsView>;
  private panelAttached = false;

  constructor() {
    const spec = logSegmentsSpec("lookup");
    super(spec);
    this.ownSpec = spec;
  }

  override connectedCallback(): void {
    const mode = modeOf({ name: this.getAttribute("preset") ?? undefined });
    Object.assign(this.ownSpec, logSegmentsSpec(mode));
    super.connectedCallback();
    if (mode === "lookup" && !this.panelAttached) {
      this.panelAttached = true;
      attachLookupPanel(this);
    }
  }
}

if (!customElements.get("kl-log-segments")) customElements.define("kl-log-segments", LogSegmentsElement);
