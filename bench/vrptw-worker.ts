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
}

export interface VrptwAnswer {
  id: number;
  routes: number[][];
  unassigned: number[];
  distance: number;
  feasible: boolean;
  iterations: number;
}

const clock = () => performance.timeOrigin + performance.now();

parentPort?.on("message", (task: VrptwTask) => {
  const { instance } = parseSolomon(task.text);
  const result = solveVrp(instance, { seed: task.seed, clock, deadline: task.deadline });
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
