/**
 * Pieces of a figure drawn as charts with a table beside them (Observable Plot charts in a
 * widget without a player): a chart's panel and a table's head row. The table carries the same
 * numbers for screen readers, so the chart itself is hidden from them.
 */

/**
 * One chart in its panel (kit class `kl-chart-panel`, plus `<prefix>-chart`): its title above it,
 * then `after` (a note, a legend). The chart is hidden from screen readers.
 */
export function chartPanel(prefix: string, title: string, chart: Element, ...after: Node[]): HTMLDivElement {
  const panel = document.createElement("div");
  panel.className = `kl-chart-panel ${prefix}-chart`;
  const heading = document.createElement("p");
  heading.className = `kl-chart-panel-title ${prefix}-chart-title`;
  heading.textContent = title;
  chart.setAttribute("aria-hidden", "true");
  chart.removeAttribute("role");
  panel.append(heading, chart, ...after);
  return panel;
}

/** A table's head: one row of column headers, each with its class when `classNames` is given. */
export function tableHead(labels: readonly string[], classNames?: readonly string[]): HTMLTableSectionElement {
  const head = document.createElement("thead");
  const row = document.createElement("tr");
  labels.forEach((label, i) => {
    const th = document.createElement("th");
    th.scope = "col";
    if (classNames) th.className = classNames[i] ?? "";
    th.textContent = label;
    row.append(th);
  });
  head.append(row);
  return head;
}
