/**
 * Runs the route optimiser in a worker thread, so the server keeps answering
 * while it thinks: progress comes back a few times a second, the thread stops
 * itself at the time limit, and one that does not answer in time is ended.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { VrpInstance, VrpSolution } from "@/lib/engine/vrp/instance";

export interface SolverTask {
  instance: VrpInstance;
  initial?: VrpSolution;
  seed: number;
  timeLimitMs: number;
}

export interface SolverProgress {
  type: "progress";
  iteration: number;
  elapsedMs: number;
  /** Best feasible objective so far (placed work first, then travel), or null. */
  bestCost: number | null;
}

export interface SolverAnswer {
  type: "result";
  solution: VrpSolution;
  distance: number;
  feasible: boolean;
  iterations: number;
  elapsedMs: number;
}

export type SolverMessage = SolverProgress | SolverAnswer | { type: "failure"; message: string };

export interface RunSolverOptions {
  onProgress?: (progress: SolverProgress) => void;
  /** Stops the thread early (the person went away). */
  signal?: AbortSignal;
}

/** Extra time a thread gets past its limit to post its answer before it is ended. */
const GRACE_MS = 10_000;

/** Where the thread's entry lives: beside this file in the sources the server runs from. */
function threadEntry(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "optimise", "solver-thread.mjs");
}

/**
 * Solves `task` in a new worker thread.
 *
 * @example
 * const answer = await runSolver({ instance, initial, seed: 1, timeLimitMs: 5000 }, { onProgress: (p) => console.log(p.iteration) });
 */
export function runSolver(task: SolverTask, options: RunSolverOptions = {}): Promise<SolverAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(threadEntry());
    let settled = false;
    const finish = (error: Error | null, answer?: SolverAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      if (error) reject(error);
      else resolve(answer!);
    };
    const onAbort = () => finish(new Error("The optimisation was stopped."));
    const timer = setTimeout(() => finish(new Error("The optimiser did not answer in time.")), task.timeLimitMs + GRACE_MS);
    options.signal?.addEventListener("abort", onAbort);
    worker.on("message", (message: SolverMessage) => {
      if (message.type === "progress") options.onProgress?.(message);
      else if (message.type === "result") finish(null, message);
      else finish(new Error(message.message));
    });
    worker.on("error", (err) => finish(err));
    worker.on("exit", (code) => finish(new Error(`The optimiser stopped unexpectedly (exit code ${code}).`)));
    worker.postMessage(task);
  });
}
