import { describe, expect, test } from "vitest";
import { runScenario } from "../../../engine/index";
import { describeHwChart } from "../../../widgets/hw-chart/describe";
import { foldHwChart } from "../../../widgets/hw-chart/fold";
import { presets } from "../../../widgets/hw-chart/presets";
import { spreadLabels } from "../../../widgets/hw-chart/render";

describe("hw-chart fold: LEO and HW series over time", () => {
  const result = runScenario(presets["slow-follower"].scenario);

  test("C-HW: the series end at the cursor, never go past it, and the HW never exceeds the leader's LEO", () => {
    const view = foldHwChart(result.trace, 12_000, result.scenario);
    for (const series of [...view.leo, view.hw]) {
      expect(series.points.at(-1)!.tMs).toBe(12_000);
      expect(series.points.every((p) => p.tMs <= 12_000)).toBe(true);
    }
    const leaderLeo = view.leo.find((s) => s.broker === 1)!.points.at(-1)!.offset;
    expect(view.hw.points.at(-1)!.offset).toBeLessThanOrEqual(leaderLeo);
  });

  test("C-ISR: the slow fault and the ISR shrink are marked at their times", () => {
    const view = foldHwChart(result.trace, 12_000, result.scenario);
    expect(view.marks.map((m) => m.kind)).toEqual(["slow", "isr-shrink"]);
    expect(view.marks[0].tMs).toBe(4_000);
    expect(view.marks[1].label).toBe("ISR −3");
  });

  test("the HW stalls behind the slow follower, then jumps when it leaves the ISR", () => {
    const view = foldHwChart(result.trace, 12_000, result.scenario);
    const shrinkAt = view.marks[1].tMs;
    const hwAt = (t: number) => [...view.hw.points].reverse().find((p) => p.tMs <= t)!.offset;
    const leoAt = (t: number) => [...view.leo[0].points].reverse().find((p) => p.tMs <= t)!.offset;
    expect(leoAt(shrinkAt - 1) - hwAt(shrinkAt - 1)).toBeGreaterThanOrEqual(3);
    expect(leoAt(shrinkAt + 200) - hwAt(shrinkAt + 200)).toBeLessThanOrEqual(1);
  });

  test("the y axis is fixed by the whole run, so it does not rescale while playing", () => {
    expect(foldHwChart(result.trace, 1_000, result.scenario).maxOffset).toBe(foldHwChart(result.trace, 30_000, result.scenario).maxOffset);
  });

  test("end labels are spread apart so they never overlap", () => {
    const spread = spreadLabels([{ y: 10 }, { y: 10 }, { y: 10.5 }], 1);
    expect(spread.map((l) => l.y)).toEqual([10, 11, 12]);
  });

  test("the text alternative lists what has been marked", () => {
    expect(describeHwChart(foldHwChart(result.trace, 12_000, result.scenario))).toMatch(/Marked so far: slow 3 at 4\.0 s; ISR −3 at 8\.1 s\./);
  });
});
