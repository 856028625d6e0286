/**
 * Recurring series top themselves up: on each company's first scheduled round of a
 * local day, every active series makes its missing visits up to its horizon (into
 * the queue, or into a routine slot through the checked placement path, exactly as
 * when a dispatcher saves the series). A row in `series_top_ups` (unique per company
 * and local date) is claimed in the same transaction as the visits, so however many
 * app instances run the loop, one of them does the work and the others find the
 * claim taken.
 */
import type { Db, Queryable } from "@/lib/db/client";
import { generateVisits } from "@/lib/db/recurring";
import { withService } from "@/lib/db/with-user";
import { wallClock } from "@/lib/time/zoned-time";

export interface ToppedUp {
  orgId: string;
  date: string;
  series: number;
  /** Work orders of the visits made. */
  visits: string[];
}

/**
 * Claims the company's top-up for its local `date` and tops up each active series;
 * null when another instance (or an earlier round) already did.
 */
export async function topUpCompanySeries(tx: Queryable, orgId: string, date: string, now: Date): Promise<ToppedUp | null> {
  const [claim] = await tx.query<{ id: string }>(
    "insert into public.series_top_ups (org_id, top_up_date) values ($1, $2) on conflict (org_id, top_up_date) do nothing returning id",
    [orgId, date],
  );
  if (!claim) return null;
  // each series acts as the person who set it up (or, if they are gone, an admin of the company)
  const series = await tx.query<{ id: string; user_id: string | null; name: string | null }>(
    `select s.id, coalesce(s.created_by, a.user_id) as user_id, coalesce(p.full_name, ap.full_name) as name
       from public.job_series s
       left join public.profiles p on p.id = s.created_by
       left join lateral (select m.user_id from public.memberships m where m.org_id = s.org_id and m.role = 'admin' order by m.created_at limit 1) a on true
       left join public.profiles ap on ap.id = a.user_id
      where s.org_id = $1 and s.active
      order by s.created_at, s.id`,
    [orgId],
  );
  const visits: string[] = [];
  for (const s of series) {
    if (!s.user_id) continue;
    const actor = { userId: s.user_id, name: `${s.name ?? "Crewboard"} (recurring series, topped up automatically)`, orgId };
    visits.push(...(await generateVisits(tx, actor, s.id, date, now)));
  }
  await tx.query("update public.series_top_ups set series = $2, visits = $3 where id = $1", [claim.id, series.length, visits.length]);
  return { orgId, date, series: series.length, visits };
}

/**
 * Tops up the series of every company with active series whose local day has no
 * top-up yet. Each company in its own transaction, as the service role.
 *
 * @example await topUpDueSeries(db, now) // [{ orgId, date: "2026-12-02", series: 4, visits: ["RM-1A2B3C-20270130"] }]
 */
export async function topUpDueSeries(db: Db, now: Date, options: { orgIds?: readonly string[] } = {}): Promise<ToppedUp[]> {
  const companies = await withService(db, (tx) =>
    tx.query<{ id: string; time_zone: string }>(
      `select c.id, c.time_zone from public.companies c
        where ($1::uuid[] is null or c.id = any ($1::uuid[]))
          and exists (select 1 from public.job_series s where s.org_id = c.id and s.active)
          and not exists (select 1 from public.series_top_ups t
                           where t.org_id = c.id and t.top_up_date = (($2::timestamptz) at time zone c.time_zone)::date)`,
      [options.orgIds ?? null, now.toISOString()],
    ),
  );
  const done: ToppedUp[] = [];
  for (const c of companies) {
    const topped = await withService(db, (tx) => topUpCompanySeries(tx, c.id, wallClock(now, c.time_zone).date, now));
    if (topped) done.push(topped);
  }
  return done;
}
