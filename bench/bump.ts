/**
 * Emergency bump ranking benchmark: `npx tsx bench/bump.ts`
 *
 * Synthetic, seeded boards from bench/synthetic-board.ts (10 booked jobs per
 * technician, 07:00–17:00), today and tomorrow, with protections sprinkled in
 * (10% SLA-protected, ~30% contract, 5% pinned, some earlier reschedules, 5% of
 * customers unreachable). At 09:00 an emergency comes in (60–90 min, one required
 * skill half the time, must be finished within 2½–4 hours): nobody has a free gap
 * that early, so every request searches bump options and re-places bumped jobs.
 *
 *  - rank_<n>_p50_ms / _p95_ms: ranking one urgent job against n technicians with
 *    a fresh (cold) travel estimator each iteration, as a single request would;
 *    the urgent job changes every iteration (a fixed set, cycled). Both days'
 *    boards are prepared once (prepareBoard), as scoring's benchmark does.
 *  - rank_<n>_bump_share: share of those requests whose options include a bump.
 */
import { prepareBoard } from "@/lib/engine/board-index";
import { rankBumpOptions } from "@/lib/engine/bump-ranking";
import { createRandom } from "@/lib/engine/random";
import type { Job } from "@/lib/engine/types";
import { DAY, SKILLS, newJob, percentile, place, print, syntheticBoard, travelFor } from "@/bench/synthetic-board";

const NOW = DAY + 9 * 60;
const URGENT_JOBS = 16;

function benchRanking(n: number): void {
  const iterations = n >= 1000 ? 40 : 100;
  const warmup = n >= 1000 ? 10 : 30;
  const today = syntheticBoard(n, 5000 + n);
  const tomorrow = syntheticBoard(n, 6000 + n, { day: DAY + 1440 });
  const random = createRandom(7000 + n);
  for (const job of [...today.jobs, ...tomorrow.jobs]) {
    job.slaProtected = random.chance(0.1);
    job.pinned = random.chance(0.05);
    job.rescheduleCount = random.chance(0.15) ? random.int(1, 3) : 0;
    job.customerReachable = random.chance(0.95);
  }
  const index = prepareBoard(today);
  const later = prepareBoard(tomorrow);
  const urgentJobs: Job[] = Array.from({ length: URGENT_JOBS }, () => {
    const job = newJob(random);
    job.priority = 1;
    job.location = place(random);
    job.requiredSkills = random.chance(0.5) ? [random.pick(SKILLS)] : [];
    job.durationMin = random.pick([60, 75, 90]);
    job.window = null;
    job.deadline = NOW + random.int(150, 240);
    index.jobById.set(job.id, job);
    return job;
  });
  const options = {
    slotMinutes: 15,
    timeZone: "America/Chicago",
    day: { start: DAY, end: DAY + 1440 },
    laterBoards: [{ board: later, day: { start: DAY + 1440, end: DAY + 2880 } }],
  };
  const samples: number[] = [];
  let bumps = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    const travel = travelFor(index, later);
    const t0 = performance.now();
    const ranking = rankBumpOptions(urgentJobs[i % URGENT_JOBS], index, travel, NOW, options);
    if (i >= warmup) {
      samples.push(performance.now() - t0);
      if (ranking.options.some((o) => !o.fitsWithoutBump)) bumps++;
    }
  }
  print(`rank_${n}_p50_ms`, percentile(samples, 50));
  print(`rank_${n}_p95_ms`, percentile(samples, 95));
  // Sanity: the share of requests that really went through bump search (1.00 = all).
  print(`rank_${n}_bump_share`, bumps / iterations);
}

for (const n of [50, 200, 1000, 2000]) benchRanking(n);
