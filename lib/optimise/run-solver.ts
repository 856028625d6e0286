/**
 * Runs the route optimiser in worker threads, so the server keeps answering
 * while it thinks: one thread per core, each with its own seed, the best answer
 * wins; progress comes back a few times a second, each thread stops itself at
 * the time limit, and one that does not answer in time is ended.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { VrpInstance, VrpSolution } from "@/lib/engine/vrp/instance";

export interface SolverTask {
  instance: VrpInstance;
  initial?: VrpSolution;
  seed: number;
  timeLimitMs: number;
  /** Stop after this many iterations as well (the same seed then gives the same answer). */
  maxIterations?: number;
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
  /** Prizes of the clients left unplaced (Infinity when a required one is). */
  unplacedCost: number;
  feasible: boolean;
  iterations: number;
  elapsedMs: number;
  /** The seed of the thread whose answer this is. */
  seed: number;
}

export type SolverMessage = SolverProgress | SolverAnswer | { type: "failure"; message: string };

export interface RunSolverOptions {
  onProgress?: (progress: SolverProgress) => void;
  /** Stops the threads early (the person went away). */
  signal?: AbortSignal;
  /**
   * Threads, each solving with its own seed (`task.seed`, `task.seed + 1`, …).
   * Default: one per core, at most four.
   */
  threads?: number;
  /** The thread's entry file (default: see `solverEntry`). */
  entry?: string;
}

/** Extra time a thread gets past its limit to post its answer before it is ended. */
const GRACE_MS = 10_000;

/**
 * Where the thread's entry lives. A production server (`next start`) runs the
 * worker built by `npm run build` (scripts/build-solver.mjs: plain JavaScript,
 * the engine bundled in), so it needs neither TypeScript nor development
 * dependencies; development and tests run it from the sources through tsx.
 */
export function solverEntry(env: { NODE_ENV?: string } = process.env): string {
  const root = /* turbopackIgnore: true */ process.cwd();
  if (env.NODE_ENV === "production") {
    const built = path.join(root, "dist", "solver-worker.mjs");
    if (!existsSync(built)) throw new Error(`The route optimiser is not built (${built} is missing): run npm run build.`);
    return built;
  }
  return path.join(root, "lib", "optimise", "solver-thread.mjs");
}

/** Cores to use by default: all of them, at most four. */
export function defaultSolverThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Orders answers: feasible first, then least unplaced work, then least travel, then the lower seed. */
export function betterAnswer(a: SolverAnswer, b: SolverAnswer): SolverAnswer {
  if (a.feasible !== b.feasible) return a.feasible ? a : b;
  if (a.unplacedCost !== b.unplacedCost) return a.unplacedCost < b.unplacedCost ? a : b;
  if (Math.abs(a.distance - b.distance) > 1e-9) return a.distance < b.distance ? a : b;
  return a.seed <= b.seed ? a : b;
}

function runOne(entry: string, task: SolverTask, options: RunSolverOptions, onProgress: (p: SolverProgress) => void): Promise<SolverAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry);
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
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort);
    worker.on("message", (message: SolverMessage) => {
      if (message.type === "progress") onProgress(message);
      else if (message.type === "result") finish(null, message);
      else finish(new Error(message.message));
    });
    worker.on("error", (err) => finish(err));
    worker.on("exit", (code) => finish(new Error(`The optimiser stopped unexpectedly (exit code ${code}).`)));
    worker.postMessage(task);
  });
}

/**
 * Solves `task` in worker threads, one seed each, and returns the best answer.
 * Each seed's answer depends only on its seed (and on when the time limit
 * stops it): with `maxIterations` the same task always gives the same answer.
 *
 * @example
 * const answer = await runSolver({ instance, initial, seed: 1, timeLimitMs: 5000 }, { onProgress: (p) => console.log(p.iteration) });
 * answer.seed // the thread whose answer won
 */
export async function runSolver(task: SolverTask, options: RunSolverOptions = {}): Promise<SolverAnswer> {
  const entry = options.entry ?? solverEntry();
  const threads = Math.max(1, Math.floor(options.threads ?? defaultSolverThreads()));
  // progress of all threads together: iterations summed, the best cost of any
  const latest: (SolverProgress | null)[] = Array.from({ length: threads }, () => null);
  const report = (k: number, progress: SolverProgress) => {
    latest[k] = progress;
    const known = latest.filter((p): p is SolverProgress => p !== null);
    const costs = known.map((p) => p.bestCost).filter((c): c is number => c !== null);
    options.onProgress?.({
      type: "progress",
      iteration: known.reduce((sum, p) => sum + p.iteration, 0),
      elapsedMs: Math.max(...known.map((p) => p.elapsedMs)),
      bestCost: costs.length > 0 ? Math.min(...costs) : null,
    });
  };
  const settled = await Promise.allSettled(
    Array.from({ length: threads }, (_, k) => runOne(entry, { ...task, seed: task.seed + k }, options, (p) => report(k, p))),
  );
  const answers = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  if (answers.length === 0) throw (settled[0] as PromiseRejectedResult).reason;
  // a thread that failed while another answered is still a failure worth seeing
  for (const s of settled) if (s.status === "rejected" && !options.signal?.aborted) console.error("route optimiser thread failed", s.reason);
  const best = answers.reduce(betterAnswer);
  return { ...best, iterations: answers.reduce((sum, a) => sum + a.iterations, 0) };
}
