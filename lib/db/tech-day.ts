/**
 * What a technician's phone shows: today's and tomorrow's published visits in
 * route order (as published, not the dispatcher's unpublished drafts), with crew,
 * travel to the next stop and the visit's status, and the offers made to them.
 */
import type { ReminderChannel } from "@/lib/schemas/tech";
import type { Queryable } from "@/lib/db/client";
import { JOB_COLUMNS, loadCompanySettings, mapJob, type BoardJob, type CompanySettings } from "@/lib/db/board";
import { travelMinutes } from "@/lib/engine/travel";
import { addDays } from "@/lib/time/calendar-date";
import { dayRange, wallClock } from "@/lib/time/zoned-time";

export interface TechVisit {
  assignmentId: string;
  job: BoardJob;
  /** The visit as published to the crew (ISO). */
  start: string;
  end: string;
  role: "leader" | "helper";
  /** Everyone on the crew, leader first. */
  crew: string[];
  /** Minutes of travel from this visit to the next one of the day (null for the last). */
  travelToNext: number | null;
  /** Minutes from where the crew starts to this visit. */
  travelFrom: number;
}

export interface TechOffer {
  id: string;
  job: BoardJob;
  start: string;
  end: string;
  /** open: waiting for an answer; taken: someone else got it. */
  state: "open" | "accepted" | "declined" | "taken";
}

export interface TechDay {
  technician: { id: string; name: string; home: { lat: number; lng: number }; reminderChannel: ReminderChannel };
  company: { name: string; timeZone: string };
  days: { date: string; visits: TechVisit[] }[];
  offers: TechOffer[];
}

interface Snapshot {
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
}

/** The technician record of the signed-in person in a company, or null. */
export async function myTechnicianId(tx: Queryable, orgId: string, userId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>("select id from public.technicians where org_id = $1 and user_id = $2", [orgId, userId]);
  return row?.id ?? null;
}

/**
 * A technician's today and tomorrow (in the company's zone) and their offers.
 * Null when the technician is not in the company.
 */
export async function loadTechDay(tx: Queryable, orgId: string, technicianId: string, now: Date): Promise<TechDay | null> {
  const company = await loadCompanySettings(tx, orgId);
  if (!company) return null;
  const [tech] = await tx.query<{ id: string; name: string; home_lat: number; home_lng: number; reminder_channel: ReminderChannel }>(
    "select id, name, home_lat, home_lng, reminder_channel from public.technicians where id = $1 and org_id = $2",
    [technicianId, orgId],
  );
  if (!tech) return null;
  const today = wallClock(now, company.timeZone).date;
  const dates = [today, addDays(today, 1)];
  const from = dayRange(dates[0], company.timeZone).start;
  const to = dayRange(dates[1], company.timeZone).end;
  const home = { lat: Number(tech.home_lat), lng: Number(tech.home_lng) };

  const [rows, names, offerRows] = await Promise.all([
    tx.query<Record<string, unknown>>(
      `select a.id as assignment_id, a.leader_id, a.starts_at, a.ends_at, a.published_snapshot,
              array(select h.technician_id from public.assignment_helpers h where h.assignment_id = a.id) as helper_ids,
              ${JOB_COLUMNS}
         from public.assignments a
         join public.jobs j on j.id = a.job_id
         join public.customers c on c.id = j.customer_id
        where a.org_id = $1 and a.active
          and (a.published_snapshot is not null or a.published_at is not null or (j.dispatch_state = 'accepted' and a.leader_id = $2))
          and (a.leader_id = $2
               or a.published_snapshot ->> 'leaderId' = $2::text
               or a.published_snapshot -> 'helperIds' ? $2::text
               or exists (select 1 from public.assignment_helpers h where h.assignment_id = a.id and h.technician_id = $2))
          and coalesce((a.published_snapshot ->> 'start')::timestamptz, a.starts_at) < $4
          and coalesce((a.published_snapshot ->> 'end')::timestamptz, a.ends_at) > $3`,
      [orgId, technicianId, from.toISOString(), to.toISOString()],
    ),
    tx.query<{ id: string; name: string }>("select id, name from public.technicians where org_id = $1", [orgId]),
    tx.query<Record<string, unknown>>(
      `select o.id as offer_id, o.status as offer_status, o.starts_at as offer_start, o.ends_at as offer_end,
              exists (select 1 from public.assignments a where a.job_id = j.id and a.active) as taken, ${JOB_COLUMNS}
         from public.job_offers o
         join public.jobs j on j.id = o.job_id
         join public.customers c on c.id = j.customer_id
        where o.org_id = $1 and o.technician_id = $2 and o.ends_at > $3
          and (o.status = 'offered' or o.responded_at > $3::timestamptz - interval '12 hours')
        order by o.starts_at`,
      [orgId, technicianId, now.toISOString()],
    ),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));

  const visits = rows
    .map((r): TechVisit | null => {
      const current: Snapshot = {
        leaderId: r.leader_id as string,
        helperIds: (r.helper_ids as string[]) ?? [],
        start: new Date(r.starts_at as string).toISOString(),
        end: new Date(r.ends_at as string).toISOString(),
      };
      // what the crew was told (a visit published before snapshots were kept, or an
      // accepted offer not yet published, is shown as it is)
      const shown = (r.published_snapshot as Snapshot | null) ?? current;
      const role: TechVisit["role"] | null =
        shown.leaderId === technicianId ? "leader" : shown.helperIds.includes(technicianId) ? "helper" : null;
      return role
        ? {
            assignmentId: r.assignment_id as string,
            job: mapJob(r),
            start: new Date(shown.start).toISOString(),
            end: new Date(shown.end).toISOString(),
            role,
            crew: [shown.leaderId, ...shown.helperIds].map((id) => nameOf.get(id) ?? "a former technician"),
            travelToNext: null,
            travelFrom: 0,
          }
        : null;
    })
    .filter((v): v is TechVisit => v !== null)
    .sort((a, b) => a.start.localeCompare(b.start));

  const days = dates.map((date) => {
    const list = visits.filter((v) => wallClock(new Date(v.start), company.timeZone).date === date);
    withTravel(list, home, company);
    return { date, visits: list };
  });

  const offers: TechOffer[] = offerRows.map((r) => {
    const status = r.offer_status as string;
    const job = mapJob(r);
    const state: TechOffer["state"] =
      status === "accepted" ? "accepted" : status === "declined" ? "declined" : status === "offered" && !r.taken && job.status === "unscheduled" ? "open" : "taken";
    return { id: r.offer_id as string, job, start: new Date(r.offer_start as string).toISOString(), end: new Date(r.offer_end as string).toISOString(), state };
  });

  return {
    technician: { id: tech.id, name: tech.name, home, reminderChannel: tech.reminder_channel },
    company: { name: company.name, timeZone: company.timeZone },
    days,
    offers,
  };
}

function withTravel(list: TechVisit[], home: { lat: number; lng: number }, company: CompanySettings): void {
  const settings = { speedKmh: company.travelSpeedKmh, roadFactor: company.roadFactor, bufferMin: company.travelBufferMin };
  list.forEach((v, i) => {
    v.travelFrom = travelMinutes(i === 0 ? home : list[i - 1].job.location, v.job.location, settings);
    const next = list[i + 1];
    v.travelToNext = next ? travelMinutes(v.job.location, next.job.location, settings) : null;
  });
}
