/**
 * Dispatch engine benchmark: `npx tsx bench/dispatch.ts`
 *
 * Synthetic, seeded boards (same numbers every run on the same machine):
 * technicians around one city, shift 07:00–17:00, 10 booked jobs each (routed
 * near home with real travel between them, so the board is mostly clean).
 *  - score_<n>_p50_ms / _p95_ms: scoring one new job against n technicians, with
 *    a fresh (cold) travel estimator each iteration, as a single request would.
 *  - checkboard_500_ms: warnings for every assignment of a 500-technician day.
 *  - autodispatch_1000_ms: 1,000 new jobs into a 200-technician day, each to the
 *    best eligible candidate, the index updated after every decision.
 */
import { addAssignment, prepareBoard } from "@/lib/engine/board-index";
import { checkBoard } from "@/lib/engine/checks";
import { createRandom } from "@/lib/engine/random";
import { bestCandidate, scoreTechnicians } from "@/lib/engine/scoring";
import { DAY, newJob, percentile, print, syntheticBoard, travelFor } from "@/bench/synthetic-board";

const ITERATIONS = 100;
const WARMUP = 30;

function benchScoring(n: number): void {
  const index = prepareBoard(syntheticBoard(n, 1000 + n));
  const job = newJob(createRandom(n));
  index.jobById.set(job.id, job);
  const options = { earliestStart: DAY + 7 * 60, slotMinutes: 15 };
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const travel = travelFor(index);
    const t0 = performance.now();
    scoreTechnicians(index, job, travel, options);
    if (i >= WARMUP) samples.push(performance.now() - t0);
  }
  print(`score_${n}_p50_ms`, percentile(samples, 50));
  print(`score_${n}_p95_ms`, percentile(samples, 95));
}

function benchCheckBoard(n: number): void {
  const index = prepareBoard(syntheticBoard(n, 2000 + n));
  const travel = travelFor(index);
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const t0 = performance.now();
    checkBoard(index, travel, { timeZone: "America/Chicago" });
    if (i >= WARMUP) samples.push(performance.now() - t0);
  }
  print(`checkboard_${n}_p50_ms`, percentile(samples, 50));
  print(`checkboard_${n}_p95_ms`, percentile(samples, 95));
}

function benchAutoDispatch(n: number, jobs: number): void {
  const board = syntheticBoard(n, 3000 + n);
  const random = createRandom(4242);
  const incoming = Array.from({ length: jobs }, () => newJob(random));
  const t0 = performance.now();
  const index = prepareBoard(board);
  const travel = travelFor(index);
  let assigned = 0;
  for (const job of incoming) {
    index.jobById.set(job.id, job);
    const best = bestCandidate(
      scoreTechnicians(index, job, travel, { earliestStart: DAY + 7 * 60, slotMinutes: 15 }),
    );
    if (!best?.slot) continue;
    const { start, end } = best.slot;
    addAssignment(index, { jobId: job.id, leaderId: best.technicianId, helperIds: [], start, end, version: 1 }, job);
    assigned++;
  }
  print(`autodispatch_${jobs}_ms`, performance.now() - t0);
  console.log(`autodispatch_${jobs}_assigned: ${assigned}`);
}

for (const n of [50, 200, 500, 2000]) benchScoring(n);
benchCheckBoard(500);
benchAutoDispatch(200, 1000);
