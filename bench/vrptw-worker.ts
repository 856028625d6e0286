/**
 * One solver thread of bench/vrptw.ts: receives an instance's text, a seed and
 * an absolute deadline (ms since the epoch, shared by all threads), solves,
 * and posts back the routes.
 */
import { parentPort } from "node:worker_threads";
import { parseSolomon } from "@/lib/engine/vrp/solomon";
import { solveVrp } from "@/lib/engine/vrp/solve";

export interface VrptwTask {
  id: number;
  /** A warm-up run: its answer is not looked at. */
  warmUp?: boolean;
  text: string;
  seed: number;
  deadline: number;
  /**
   * Budget in CPU milliseconds instead of the wall deadline (`--clock cpu`).
   * Node reports CPU time per process, so this is only meaningful with one thread.
   */
  cpuBudgetMs?: number;
}

export interface VrptwAnswer {
  id: number;
  routes: number[][];
  unassigned: number[];
  distance: number;
  feasible: boolean;
  iterations: number;
}

const wallClock = () => performance.timeOrigin + performance.now();
const cpuClock = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

parentPort?.on("message", (task: VrptwTask) => {
  const { instance } = parseSolomon(task.text);
  const result =
    task.cpuBudgetMs === undefined
      ? solveVrp(instance, { seed: task.seed, clock: wallClock, deadline: task.deadline })
      : solveVrp(instance, { seed: task.seed, clock: cpuClock, deadline: cpuClock() + task.cpuBudgetMs });
  const answer: VrptwAnswer = {
    id: task.id,
    routes: result.solution.routes,
    unassigned: result.solution.unassigned,
    distance: result.distance,
    feasible: result.feasible,
    iterations: result.iterations,
  };
  parentPort?.postMessage(answer);
});
