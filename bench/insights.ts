/**
 * Insights benchmark: `npm run bench:insights`
 *
 * The company of `npm run db:seed -- --techs 500 --days 90` (500 technicians, a
 * full board today and 90 past days of about five visits per working shift) in a
 * database of its own: `DATABASE_URL` when set (a Postgres server), otherwise an
 * embedded one under .data/bench-insights, seeded once and kept for later runs.
 * The queries run as that company's dispatcher, under row-level security, as the
 * /insights page runs them. Progress goes to stderr, the figures to stdout.
 *
 *  - insights_90d_500techs_p95_ms (and _p50_ms): every KPI, the daily trend, the
 *    per-technician rows and the utilisation grid over the 90 past days.
 *  - insights_28d_500techs_p95_ms: the same for the last four weeks (the page's
 *    default period).
 *  - insights_90d_500techs_cold_ms: the first read of the 90 days with nothing kept
 *    yet, which computes every closed day once and keeps it (after a write to a
 *    past day, only that day and the 30 after it are computed again).
 *  - insights_today_500techs_p95_ms: today alone, an open day, always computed live.
 * Three warm-up runs, then 20 timed runs of each.
 */
import { loadavg } from "node:os";
import path from "node:path";
import { percentile, print } from "@/bench/synthetic-board";
import { now } from "@/lib/clock";
import { openPglite, openPostgres, type Db } from "@/lib/db/client";
import { loadInsights } from "@/lib/db/insights";
import { migrate } from "@/lib/db/migrate";
import { seedCompany } from "@/lib/db/seed";
import { seedHistory } from "@/lib/db/seed-history";
import { withService, withUser } from "@/lib/db/with-user";
import { largeCompanySpec } from "@/lib/demo/demo-data";
import { wallClock } from "@/lib/time/zoned-time";
import { addDays } from "@/lib/time/calendar-date";

const TECHS = 500;
const DAYS = 90;
const WARMUP = 3;
const RUNS = 20;

const log = (message: string) => process.stderr.write(`${message}\n`);

async function open(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url, { max: 2 });
  return openPglite({ dataDir: path.join(process.cwd(), ".data", "bench-insights") });
}

const db = await open();
try {
  await migrate(db);
  const spec = largeCompanySpec(TECHS, TECHS * 10);
  const today = wallClock(now(), spec.timeZone).date;
  let [company] = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.companies where slug = $1", [spec.slug]));
  if (!company) {
    log(`seeding ${spec.name}…`);
    await seedCompany(db, spec, now());
    [company] = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.companies where slug = $1", [spec.slug]));
  }
  const t0 = performance.now();
  const added = await seedHistory(db, company.id, { today, days: DAYS });
  if (added > 0) log(`added ${added} past visits in ${Math.round(performance.now() - t0)} ms`);
  await db.exec("analyze");

  const [user] = await withService(db, (tx) =>
    tx.query<{ user_id: string; email: string }>(
      "select m.user_id, p.email from public.memberships m join public.profiles p on p.id = m.user_id where m.org_id = $1 and m.role = 'dispatcher'",
      [company.id],
    ),
  );
  const session = { userId: user.user_id, email: user.email, orgId: company.id };
  const yesterday = addDays(today, -1);

  // the cold read: nothing kept, every closed day computed and kept once
  await withService(db, (tx) => tx.query("delete from public.insight_days_computed where org_id = $1", [company.id]));
  const coldStarted = performance.now();
  await withUser(db, session, (tx) => loadInsights(tx, company.id, { from: addDays(today, -DAYS), to: yesterday, now: now() }));
  print("insights_90d_500techs_cold_ms", performance.now() - coldStarted);

  const measure = async (name: string, from: string, to = yesterday): Promise<void> => {
    const samples: number[] = [];
    let visits = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const started = performance.now();
      const result = await withUser(db, session, (tx) => loadInsights(tx, company.id, { from, to, now: now() }));
      if (i >= WARMUP) samples.push(performance.now() - started);
      visits = result.summary.visits;
    }
    log(`${name}: ${visits} crew visits from ${from} to ${to} (${db.kind})`);
    print(`${name}_p50_ms`, percentile(samples, 50));
    print(`${name}_p95_ms`, percentile(samples, 95));
  };
  await measure("insights_90d_500techs", addDays(today, -DAYS));
  await measure("insights_28d_500techs", addDays(today, -28));
  await measure("insights_today_500techs", today, today);
  log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  await db.close();
}
