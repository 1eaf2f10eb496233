import { t } from "../../content/i18n/t";
import { tableHead } from "../kit/chart-panel";
import { groupByPartition, type KeyRow, type Move } from "./rows";

/**
 * The key table: one row group per partition (colour AND the label "P2", never colour alone),
 * each key with the steps of partitionForKey. Keys that changed partition at the reader's last
 * change of the count are marked with a symbol and the partition they came from.
 * Plain DOM: a table is what this is, and a screen reader can walk it cell by cell.
 */

/** Partition colours cycle through six inks of the shared palette; the label tells them apart beyond six. */
export const PARTITION_COLOURS = 6;

export function partitionClass(partition: number): string {
  return `klp-pc${partition % PARTITION_COLOURS}`;
}

export function partitionBadge(partition: number): HTMLSpanElement {
  const badge = document.createElement("span");
  badge.className = `klp-badge ${partitionClass(partition)}`;
  badge.textContent = t("partitioner.partitionShort", { partition });
  return badge;
}

export function renderStrip(list: HTMLOListElement, rows: readonly KeyRow[], partitions: number): void {
  const groups = groupByPartition(rows, partitions);
  list.replaceChildren(
    ...groups.map((group, partition) => {
      const item = document.createElement("li");
      item.className = "klp-strip-item";
      const count = document.createElement("span");
      count.className = "klp-strip-count";
      count.textContent = t(group.length === 1 ? "partitioner.strip.one" : "partitioner.strip.many", { count: group.length });
      item.append(partitionBadge(partition), count);
      return item;
    }),
  );
}

export function renderKeyTable(table: HTMLTableElement, rows: readonly KeyRow[], partitions: number, moves: readonly Move[]): void {
  const movedFrom = new Map(moves.map((m) => [m.key, m.from]));
  const columns = [
    ["partitioner.col.key", ""],
    ["partitioner.col.bytes", "klp-num"],
    ["partitioner.col.murmur2", "klp-num"],
    ["partitioner.col.hex", "klp-num klp-hex"],
    ["partitioner.col.positive", "klp-num"],
    ["partitioner.col.partition", ""],
  ] as const;
  const head = tableHead(
    columns.map(([key]) => t(key)),
    columns.map(([, className]) => className),
  );

  const bodies = groupByPartition(rows, partitions).map((group, partition) => {
    const body = document.createElement("tbody");
    body.className = `klp-group ${partitionClass(partition)}`;
    const groupRow = document.createElement("tr");
    groupRow.className = "klp-group-head";
    const groupCell = document.createElement("th");
    groupCell.scope = "rowgroup";
    groupCell.colSpan = columns.length;
    groupCell.append(
      partitionBadge(partition),
      ` ${t(group.length === 0 ? "partitioner.group.empty" : group.length === 1 ? "partitioner.group.one" : "partitioner.group.many", { partition, count: group.length })}`,
    );
    groupRow.append(groupCell);
    body.append(groupRow);
    for (const row of group) body.append(keyRowElement(row, movedFrom.get(row.key)));
    return body;
  });
  table.replaceChildren(head, ...bodies);
}

function keyRowElement(row: KeyRow, movedFrom: number | undefined): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.className = movedFrom === undefined ? "klp-row" : "klp-row klp-row--moved";
  tr.dataset.key = row.key;
  const keyCell = document.createElement("th");
  keyCell.scope = "row";
  keyCell.className = "klp-key";
  keyCell.textContent = row.key;
  keyCell.title = t("partitioner.bytesTitle", { bytes: row.bytesHex || "-" });
  const cell = (text: string, className = "klp-num"): HTMLTableCellElement => {
    const td = document.createElement("td");
    td.className = className;
    td.textContent = text;
    return td;
  };
  const partitionCell = document.createElement("td");
  partitionCell.className = "klp-partition";
  partitionCell.append(partitionBadge(row.partition));
  if (movedFrom !== undefined) {
    const note = document.createElement("span");
    note.className = "klp-moved-note";
    note.textContent = t("partitioner.movedFrom", { from: movedFrom });
    partitionCell.append(" ", note);
  }
  tr.append(keyCell, cell(String(row.byteCount)), cell(String(row.murmur2)), cell(`0x${row.murmur2Hex}`, "klp-num klp-hex"), cell(String(row.positive)), partitionCell);
  return tr;
}
