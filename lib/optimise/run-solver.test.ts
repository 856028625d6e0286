import { describe, expect, it } from "vitest";
import { checkSolution } from "@/lib/engine/vrp/check-solution";
import { randomInstance } from "@/lib/engine/vrp/test-instances";
import { betterAnswer, runSolver, solverEntry, type SolverAnswer } from "@/lib/optimise/run-solver";

const instance = randomInstance({ clients: 30, vehicles: 4, seed: 12, windowWidth: 150 });
// an iteration budget far inside the time limit: the answer depends on the seed only
const task = { instance, seed: 7, timeLimitMs: 120_000, maxIterations: 150 };
const answer = (over: Partial<SolverAnswer>): SolverAnswer => ({
  type: "result",
  solution: { routes: [], unassigned: [] },
  distance: 100,
  unplacedCost: 0,
  feasible: true,
  iterations: 1,
  elapsedMs: 1,
  seed: 1,
  ...over,
});

// worker threads on a busy machine: room to finish
describe("runSolver", { timeout: 180_000 }, () => {
  it("runs one seed per thread and returns the best thread's answer, the same every time", async () => {
    const [one, two, both, again] = [
      await runSolver(task, { threads: 1 }),
      await runSolver({ ...task, seed: 8 }, { threads: 1 }),
      await runSolver(task, { threads: 2 }),
      await runSolver(task, { threads: 2 }),
    ];
    for (const a of [one, two, both]) expect(checkSolution(instance, a.solution).feasible).toBe(true);
    // the two seeds search differently
    expect(one.solution).not.toEqual(two.solution);
    const best = betterAnswer(one, two);
    expect(both.seed).toBe(best.seed);
    expect(both.solution).toEqual(best.solution);
    expect(both.distance).toBeCloseTo(Math.min(one.distance, two.distance), 9);
    expect(both.iterations).toBe(one.iterations + two.iterations);
    expect(again.solution).toEqual(both.solution);
  });

  it("reports progress of all threads together", async () => {
    const seen: number[] = [];
    // each thread reports at its 50th and 100th iteration (at most every 200 ms)
    await runSolver({ ...task, maxIterations: 120 }, { threads: 2, onProgress: (p) => seen.push(p.iteration) });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(100);
  });
});

describe("betterAnswer", () => {
  it.each([
    ["a feasible answer over an infeasible one", answer({ feasible: false, distance: 1, seed: 1 }), answer({ distance: 500, seed: 2 }), 2],
    ["less work left unplaced over less travel", answer({ unplacedCost: 10, distance: 1, seed: 1 }), answer({ distance: 500, seed: 2 }), 2],
    ["less travel", answer({ distance: 90, seed: 2 }), answer({ distance: 95, seed: 1 }), 2],
    ["the lower seed on a tie", answer({ seed: 3 }), answer({ seed: 2 }), 2],
  ])("prefers %s", (_, a, b, seed) => {
    expect(betterAnswer(a, b).seed).toBe(seed);
    expect(betterAnswer(b, a).seed).toBe(seed);
  });
});

describe("solverEntry", () => {
  it("runs the sources through tsx outside production", () => {
    expect(solverEntry({ NODE_ENV: "test" })).toMatch(/lib\/optimise\/solver-thread\.mjs$/);
  });
});
