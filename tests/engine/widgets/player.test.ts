import { describe, expect, test } from "vitest";
import { nextStop, Player, previousStop, stopsOf, type PlayerState } from "../../../widgets/kit/player";

/** A player driven by hand: frames run only when the test calls `frame(ms)`. */
function harness(options: { reducedMotion?: boolean; stops?: number[]; durationMs?: number } = {}) {
  const callbacks: ((now: number) => void)[] = [];
  const states: PlayerState[] = [];
  const player = new Player({
    durationMs: options.durationMs ?? 10_000,
    stops: options.stops ?? [0, 100, 2_000, 2_000.5, 9_000],
    msPerSecond: 1000,
    reducedMotion: options.reducedMotion ?? false,
    requestFrame: (callback) => {
      callbacks.push(callback);
      return () => callbacks.splice(callbacks.indexOf(callback), 1);
    },
    onChange: (state) => states.push(state),
  });
  const frame = (now: number) => callbacks.splice(0).forEach((callback) => callback(now));
  return { player, states, frame, pending: () => callbacks.length };
}

describe("player: time travel over a finished run", () => {
  test("stepping lands on the next and previous times at which something happens", () => {
    const { player } = harness();
    player.stepForward();
    expect(player.state.tMs).toBe(100);
    player.stepForward();
    expect(player.state.tMs).toBe(2_000);
    player.stepBackward();
    expect(player.state.tMs).toBe(100);
    player.toEnd();
    player.stepForward();
    expect(player.state.tMs).toBe(10_000);
    player.reset();
    player.stepBackward();
    expect(player.state.tMs).toBe(0);
  });

  test("Shift+arrow nudges by a second, clamped to the run", () => {
    const { player } = harness();
    player.nudge(1_000);
    player.nudge(1_000);
    expect(player.state.tMs).toBe(2_000);
    player.nudge(-5_000);
    expect(player.state.tMs).toBe(0);
    player.seek(Number.NaN);
    expect(player.state.tMs).toBe(0);
  });

  test("playing advances simulated time by real time times speed, and stops at the end", () => {
    const { player, frame } = harness();
    player.setSpeed(2);
    player.play();
    frame(1_000);
    frame(1_500);
    expect(player.state.tMs).toBe(1_000);
    frame(100_000);
    expect(player.state).toMatchObject({ tMs: 10_000, playing: false });
  });

  test("play at the end starts again from the beginning; pause cancels the next frame", () => {
    const { player, pending } = harness();
    player.toEnd();
    player.play();
    expect(player.state.tMs).toBe(0);
    expect(pending()).toBe(1);
    player.pause();
    expect(pending()).toBe(0);
  });

  test("with reduced motion, playing holds still and then jumps half a second of simulated time at a time", () => {
    const { player, frame } = harness({ reducedMotion: true });
    player.play();
    frame(0);
    frame(300);
    expect(player.state.tMs).toBe(0);
    frame(500);
    expect(player.state.tMs).toBe(500);
    frame(900);
    expect(player.state.tMs).toBe(500);
    frame(1_000);
    expect(player.state.tMs).toBe(1_000);
  });

  test("speeds outside 0.25x..8x are refused with the allowed list", () => {
    const { player } = harness();
    expect(() => player.setSpeed(3)).toThrow(/one of 0.25, 0.5, 1, 2, 4, 8, got 3/);
  });

  test("a new run keeps the time, clamped to the new duration", () => {
    const { player } = harness();
    player.seek(9_500);
    player.setRun(5_000, [0, 4_000]);
    expect(player.state.tMs).toBe(5_000);
  });

  test("stops are the distinct event times, and the binary searches agree with a linear scan", () => {
    const stops = stopsOf([{ t: 0 }, { t: 0 }, { t: 5 }, { t: 9 }, { t: 9 }]);
    expect(stops).toEqual([0, 5, 9]);
    for (let t = -1; t <= 10; t += 0.5) {
      expect(nextStop(stops, t)).toBe(stops.find((s) => s > t) ?? null);
      expect(previousStop(stops, t)).toBe([...stops].reverse().find((s) => s < t) ?? null);
    }
  });
});
