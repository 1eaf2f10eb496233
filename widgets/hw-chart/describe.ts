import { t } from "../../content/i18n/t";
import { formatSeconds } from "../kit/format";
import { describeReplicaLog } from "../replica-log/describe";
import type { HwChartView } from "./fold";

/** The chart in words: the partition's state at t, then what has been marked so far. */
export function describeHwChart(view: HwChartView): string {
  const marks = view.marks.map((m) => `${m.label} ${t("kit.at")} ${formatSeconds(m.tMs)}`);
  const history = marks.length > 0 ? t("hwChart.describe.marks", { marks: marks.join("; ") }) : t("hwChart.describe.noMarks");
  return `${t("hwChart.describe.head")} ${describeReplicaLog(view.now)} ${history}`;
}
