/**
 * VRPTW benchmark: `npm run bench:vrptw -- [--instances DIR] [--bks FILE] [--time-limit-ms N] [--threads N]`
 *
 * Solves every Solomon-format file in DIR (default ../shared/benchmarks/vrptw/solomon)
 * within the time limit (default 2,000 ms of wall time per instance), one solver
 * thread per core with different seeds (the best answer counts), checks every
 * answer with the independent checker (windows, shift, capacity, each customer
 * once, cost recomputed), and compares its distance, rounded to two decimals, with
 * the best known distance: a JSON file of `{ "NAME_distance": { "best_known_cost" } }`
 * (default: DIR's sibling `<dir name>-bks.json`) or lines of `NAME COST VEHICLES`.
 * Names match file names case-insensitively.
 *
 * Prints one line per instance, then vrptw_avg_gap_pct, vrptw_median_gap_pct,
 * vrptw_max_gap_pct, vrptw_median_ms and vrptw_infeasible (answers failing the
 * check, or instances without a feasible answer).
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { checkSolution } from "@/lib/engine/vrp/check-solution";
import { parseSolomon } from "@/lib/engine/vrp/solomon";
import { readBestKnown } from "@/lib/engine/vrp/best-known";
import type { VrptwAnswer, VrptwTask } from "@/bench/vrptw-worker";

interface Arguments {
  instances: string;
  bks: string;
  timeLimitMs: number;
  threads: number;
}

function parseArguments(argv: string[]): Arguments {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith("--")) throw new Error(`Unexpected argument "${flag}"`);
    const [name, inline] = flag.slice(2).split("=", 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    values.set(name, value);
  }
  for (const name of values.keys()) {
    if (!["instances", "bks", "time-limit-ms", "threads"].includes(name)) throw new Error(`Unknown option --${name}`);
  }
  const instances = resolve(values.get("instances") ?? "../shared/benchmarks/vrptw/solomon");
  const bks = resolve(values.get("bks") ?? join(dirname(instances), `${basename(instances)}-bks.json`));
  const timeLimitMs = Number(values.get("time-limit-ms") ?? 2000);
  const threads = Number(values.get("threads") ?? Math.min(2, availableParallelism()));
  if (!(timeLimitMs > 0)) throw new Error("--time-limit-ms must be a positive number");
  if (!(Number.isInteger(threads) && threads >= 1)) throw new Error("--threads must be a whole number ≥ 1");
  return { instances, bks, timeLimitMs, threads };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const files = readdirSync(args.instances)
    .filter((file) => /\.(txt|vrp)$/i.test(file))
    .sort();
  if (files.length === 0) throw new Error(`No instance files in ${args.instances}`);
  const bestKnown = existsSync(args.bks) ? readBestKnown(readFileSync(args.bks, "utf8")) : new Map<string, number>();
  if (bestKnown.size === 0) console.error(`No best known solutions read from ${args.bks}: gaps are left out`);

  const workers = Array.from(
    { length: args.threads },
    () => new Worker(new URL("./vrptw-thread.mjs", import.meta.url)),
  );
  let nextId = 0;
  const ask = (worker: Worker, task: Omit<VrptwTask, "id">) =>
    new Promise<VrptwAnswer>((done, fail) => {
      const id = nextId++;
      const onMessage = (answer: VrptwAnswer) => {
        if (answer.id !== id) return;
        worker.off("message", onMessage);
        worker.off("error", fail);
        done(answer);
      };
      worker.on("message", onMessage);
      worker.once("error", fail);
      worker.postMessage({ ...task, id } satisfies VrptwTask);
    });

  // Compile and warm up every thread before anything is timed.
  const firstText = readFileSync(join(args.instances, files[0]), "utf8");
  const warmUntil = performance.timeOrigin + performance.now() + 500;
  await Promise.all(workers.map((worker, k) => ask(worker, { text: firstText, seed: 1000 + k, deadline: warmUntil, warmUp: true })));

  const gaps: number[] = [];
  const times: number[] = [];
  let infeasible = 0;
  try {
    for (const file of files) {
      const name = basename(file, extname(file));
      const text = readFileSync(join(args.instances, file), "utf8");
      const { instance } = parseSolomon(text);
      const started = performance.timeOrigin + performance.now();
      // Leave part of the limit for the last iteration to finish and the answer
      // to come back (on a busy machine a thread may wait tens of ms for a core).
      const deadline = started + args.timeLimitMs - Math.min(60, args.timeLimitMs * 0.03);
      const answers = await Promise.all(workers.map((worker, k) => ask(worker, { text, seed: k + 1, deadline })));
      const ms = performance.timeOrigin + performance.now() - started;
      times.push(ms);
      let best: { distance: number; routes: number } | null = null;
      const failures: string[] = [];
      for (const answer of answers) {
        const check = checkSolution(instance, { routes: answer.routes, unassigned: answer.unassigned }, { claimedDistance: answer.distance });
        if (!check.feasible) {
          failures.push(check.problems[0]?.message ?? "infeasible");
          continue;
        }
        if (best === null || check.distance < best.distance) {
          best = { distance: check.distance, routes: answer.routes.filter((route) => route.length > 0).length };
        }
      }
      const bks = bestKnown.get(name.toLowerCase());
      if (best === null) {
        infeasible++;
        console.log(`${name}: infeasible (${failures.join("; ")}) ms ${Math.round(ms)}`);
        continue;
      }
      if (failures.length > 0) {
        // A thread whose answer fails the check is a solver bug even when another thread succeeded.
        infeasible++;
        console.log(`${name}: a thread's answer failed the check: ${failures.join("; ")}`);
      }
      const cost = round2(best.distance);
      const gap = bks === undefined ? null : ((cost - bks) / bks) * 100;
      if (gap !== null) gaps.push(gap);
      console.log(
        `${name}: cost ${cost.toFixed(2)} bks ${bks?.toFixed(2) ?? "-"} gap_pct ${gap === null ? "-" : gap.toFixed(2)} routes ${best.routes} ms ${Math.round(ms)} iterations ${answers.map((a) => a.iterations).join("+")}`,
      );
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  const average = gaps.length ? gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length : NaN;
  console.log(`vrptw_instances: ${files.length}`);
  console.log(`vrptw_avg_gap_pct: ${average.toFixed(3)}`);
  console.log(`vrptw_median_gap_pct: ${(gaps.length ? median(gaps) : NaN).toFixed(3)}`);
  console.log(`vrptw_max_gap_pct: ${(gaps.length ? Math.max(...gaps) : NaN).toFixed(3)}`);
  console.log(`vrptw_median_ms: ${Math.round(median(times))}`);
  console.log(`vrptw_infeasible: ${infeasible}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
