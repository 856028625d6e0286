/**
 * Concurrency benchmark: `npm run bench:concurrency`
 *
 * Many dispatchers work one company's day at once for a fixed time, each through
 * the real placement and dispatch code as themselves (withUser: row-level security,
 * versions, engine checks, audit): they drag jobs to a technician and time, reassign
 * them at the same time, take them off the board, and create new jobs that place
 * themselves (auto-dispatch) — on a few technicians, so their changes overlap.
 * Each client reads the job first (as the board shows it), then changes it.
 * Afterwards the database is checked:
 *
 *  - concurrency_writes_per_s: accepted changes per second, all clients together.
 *  - concurrency_lost_updates: accepted changes the database does not show: two
 *    accepted changes of one job that produced the same version, or accepted changes
 *    with no board-change record (a conflict must be refused, never silently lost).
 *  - concurrency_double_bookings: pairs of visits of one technician that overlap
 *    without the write that put either of them there having warned "double booked".
 *  - concurrency_errors: failures a person would see as a server error (anything
 *    other than a refusal in words: deadlocks, serialization failures, constraint
 *    violations…).
 *  - concurrency_refusals: changes refused in words (stale version, closed job…).
 *
 * Runs on the Postgres server at TEST_DATABASE_URL (a throwaway database is made
 * and dropped; start one with `scripts/pg-test-server.sh start`) and on embedded
 * PGlite. BENCH_SECONDS (default 10) and BENCH_CLIENTS (default 16) change the run.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openPglite, openPostgres, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { withService, withUser, type SessionUser } from "@/lib/db/with-user";
import { placeJob, unassignJob } from "@/lib/db/board-changes";
import { createJob } from "@/lib/db/dispatch";
import { ActionFailure } from "@/lib/actions/result";
import { createRandom, type Random } from "@/lib/engine/random";
import { createServerDatabase, dropServerDatabase } from "@/supabase/tests/global-setup";
import { percentile, print } from "@/bench/synthetic-board";
import { createBenchCompany, type BenchCompany } from "@/bench/bench-company";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const TECHNICIANS = 6;
const JOBS = 60;
const NOW = new Date("2026-11-23T12:00:00Z");
/** 07:00 Chicago on the benchmark day, in epoch ms. */
const DAY_START = Date.UTC(2026, 10, 23, 13, 0);

interface Accepted {
  jobId: string;
  /** The assignment's version after the change (null: the job left the board). */
  version: number | null;
  doubleBooked: boolean;
  /** The change is one board-change record (a placement or an unplacement; not a new job left in the queue). */
  recorded: boolean;
  at: number;
}

interface Tally {
  /** How long each kind of change took, accepted or not (ms). */
  took: Record<Op, number[]>;
  accepted: Accepted[];
  refusals: number;
  errors: Map<string, number>;
}

type Op = "drag" | "reassign" | "unassign" | "auto";

function pickOp(random: Random): Op {
  const x = random.next();
  return x < 0.45 ? "drag" : x < 0.7 ? "reassign" : x < 0.8 ? "unassign" : "auto";
}

/** The job as a dispatcher's board shows it: versions and current placement. */
async function look(db: Db, user: SessionUser, jobId: string) {
  return withUser(db, user, async (tx) => {
    const [j] = await tx.query<{ version: number; status: string; a_version: number | null; leader_id: string | null; starts_at: Date | null; ends_at: Date | null }>(
      `select j.version, j.status, a.version as a_version, a.leader_id, a.starts_at, a.ends_at
         from public.jobs j left join public.assignments a on a.job_id = j.id and a.active where j.id = $1`,
      [jobId],
    );
    return j;
  });
}

async function client(db: Db, user: SessionUser, company: BenchCompany, seed: number, until: number, tally: Tally): Promise<void> {
  const random = createRandom(seed);
  const techs = company.technicianIds;
  while (performance.now() < until) {
    const op = pickOp(random);
    const t0 = performance.now();
    try {
      if (op === "auto") {
        const created = await withUser(db, user, (tx) =>
          createJob(tx, user, { customerId: random.pick(company.customerIds), description: "Auto-dispatched visit", estimatedMinutes: 60, requiredSkills: ["HVAC"], date: "2026-11-23", autoDispatch: true }, NOW),
        );
        const placed = created.decision.state === "auto_assigned";
        tally.accepted.push({ jobId: created.job.id, version: placed ? 1 : null, doubleBooked: false, recorded: placed, at: performance.now() });
        continue;
      }
      const jobId = random.pick(company.jobIds);
      const seen = await look(db, user, jobId);
      if (op === "unassign") {
        if (seen.a_version === null) continue;
        await withUser(db, user, (tx) =>
          unassignJob(tx, user, { jobId, jobVersion: Number(seen.version), assignmentVersion: Number(seen.a_version), notifyCustomer: false }, NOW),
        );
        tally.accepted.push({ jobId, version: null, doubleBooked: false, recorded: true, at: performance.now() });
        continue;
      }
      const slot = random.int(1, 18); // half hours after 07:00
      const start =
        op === "reassign" && seen.starts_at ? new Date(seen.starts_at).getTime() : DAY_START + slot * 30 * 60_000;
      const end = op === "reassign" && seen.ends_at ? new Date(seen.ends_at).getTime() : start + 60 * 60_000;
      const leaderId = random.pick(techs.filter((t) => t !== seen.leader_id));
      const r = await withUser(db, user, (tx) =>
        placeJob(
          tx,
          user,
          {
            jobId,
            jobVersion: Number(seen.version),
            assignmentVersion: seen.a_version === null ? null : Number(seen.a_version),
            leaderId,
            helperIds: [],
            start: new Date(start).toISOString(),
            end: new Date(end).toISOString(),
            notifyCustomer: false,
          },
          NOW,
        ),
      );
      tally.accepted.push({ jobId, version: r.assignment?.version ?? null, doubleBooked: r.warnings.some((w) => w.code === "double_booked"), recorded: true, at: performance.now() });
    } catch (err) {
      if (err instanceof ActionFailure) tally.refusals += 1;
      else {
        const e = err as { code?: string; message?: string };
        const key = `${e.code ?? "no code"}: ${(e.message ?? String(err)).slice(0, 120)}`;
        tally.errors.set(key, (tally.errors.get(key) ?? 0) + 1);
      }
    } finally {
      tally.took[op].push(performance.now() - t0);
    }
  }
}

/** Overlapping visits of one technician (leader or helper), as pairs of job ids. */
async function overlaps(db: Db, orgId: string): Promise<[string, string][]> {
  const rows = await withService(db, (tx) =>
    tx.query<{ a: string; b: string }>(
      `with crew as (
         select a.job_id, a.leader_id as technician_id, a.starts_at, a.ends_at from public.assignments a where a.org_id = $1 and a.active
         union all
         select a.job_id, h.technician_id, a.starts_at, a.ends_at from public.assignments a join public.assignment_helpers h on h.assignment_id = a.id
          where a.org_id = $1 and a.active)
       select x.job_id as a, y.job_id as b from crew x join crew y
         on x.technician_id = y.technician_id and x.job_id < y.job_id and x.starts_at < y.ends_at and y.starts_at < x.ends_at`,
      [orgId],
    ),
  );
  return rows.map((r) => [r.a, r.b]);
}

async function run(name: string, db: Db): Promise<void> {
  await migrate(db);
  const company = await createBenchCompany(db, { name: `Concurrency ${name}`, technicians: TECHNICIANS, customers: 40, jobs: JOBS, seed: 7 });
  // several dispatchers of the company, each their own person
  const users: SessionUser[] = [company.users.dispatcher, company.users.admin];
  const tally: Tally = { took: { drag: [], reassign: [], unassign: [], auto: [] }, accepted: [], refusals: 0, errors: new Map() };
  const [{ n: changesBefore }] = await withService(db, (tx) => tx.query<{ n: number }>("select count(*)::int as n from public.board_changes where org_id = $1", [company.orgId]));
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(db, users[i % users.length], company, 100 + i, until, tally)));
  const elapsed = (performance.now() - started) / 1000;

  // every accepted change is recorded once, and no two accepted changes of a job made the same version
  const [{ n: changesAfter }] = await withService(db, (tx) => tx.query<{ n: number }>("select count(*)::int as n from public.board_changes where org_id = $1", [company.orgId]));
  const recordedChanges = changesAfter - changesBefore;
  const placements = tally.accepted.filter((a) => a.version !== null);
  const distinct = new Set(placements.map((a) => `${a.jobId}:${a.version}`)).size;
  const expectedChanges = tally.accepted.filter((a) => a.recorded).length;
  const lost = placements.length - distinct + Math.max(0, expectedChanges - recordedChanges);

  // the last accepted write of each job says whether it was warned about a double booking
  const last = new Map<string, Accepted>();
  for (const a of [...tally.accepted].sort((x, y) => x.at - y.at)) last.set(a.jobId, a);
  const silent = (await overlaps(db, company.orgId)).filter(([a, b]) => !last.get(a)?.doubleBooked && !last.get(b)?.doubleBooked);

  const errors = [...tally.errors.values()].reduce((s, n) => s + n, 0);
  console.log(`# ${name}: ${CLIENTS} clients for ${SECONDS} s on ${TECHNICIANS} technicians and ${JOBS} jobs (plus the jobs they create)`);
  print(`concurrency_writes_per_s`, tally.accepted.length / elapsed);
  print(`concurrency_lost_updates`, lost);
  print(`concurrency_double_bookings`, silent.length);
  print(`concurrency_errors`, errors);
  print(`concurrency_refusals`, tally.refusals);
  for (const [what, n] of tally.errors) console.log(`#   error ×${n}: ${what}`);
  for (const [op, ms] of Object.entries(tally.took)) {
    if (ms.length > 0) console.log(`#   ${op}: ${ms.length} tried, p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms`);
  }
}

async function main() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const url = await createServerDatabase(adminUrl, "crewboard_bench");
    const db = await openPostgres(url, { max: Math.max(CLIENTS + 2, 10) });
    try {
      await run("postgres", db);
    } finally {
      await db.close();
      await dropServerDatabase(adminUrl, url);
    }
  } else {
    console.log("# postgres: skipped — set TEST_DATABASE_URL (e.g. export TEST_DATABASE_URL=$(scripts/pg-test-server.sh start))");
  }
  const dir = await mkdtemp(path.join(tmpdir(), "crewboard-bench-concurrency-"));
  const db = await openPglite({ dataDir: dir });
  try {
    await run("pglite", db);
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
