/**
 * One route-optimiser thread: receives a routing problem, a seed and a time
 * limit, solves it, posts progress a few times a second and then the answer.
 * Production runs it as the plain JavaScript file scripts/build-solver.mjs
 * bundles from here (dist/solver-worker.mjs).
 */
import { parentPort } from "node:worker_threads";
import { solveVrp } from "@/lib/engine/vrp/solve";
import type { SolverTask, SolverMessage } from "@/lib/optimise/run-solver";

parentPort?.on("message", (task: SolverTask) => {
  const post = (message: SolverMessage) => parentPort?.postMessage(message);
  try {
    const started = performance.now();
    let lastReport = -Infinity;
    const result = solveVrp(task.instance, {
      seed: task.seed,
      initial: task.initial,
      clock: () => performance.now(),
      deadline: started + task.timeLimitMs,
      maxIterations: task.maxIterations,
      progressEvery: 50,
      onProgress: (p) => {
        if (p.elapsed - lastReport < 200) return;
        lastReport = p.elapsed;
        post({ type: "progress", iteration: p.iteration, elapsedMs: Math.round(p.elapsed), bestCost: p.bestCost });
      },
    });
    post({
      type: "result",
      solution: result.solution,
      distance: result.distance,
      unplacedCost: result.unplacedCost,
      feasible: result.feasible,
      iterations: result.iterations,
      elapsedMs: Math.round(performance.now() - started),
      seed: task.seed,
    });
  } catch (err) {
    post({ type: "failure", message: err instanceof Error ? err.message : String(err) });
  }
});
